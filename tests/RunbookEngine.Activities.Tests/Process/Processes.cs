using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.Tests.Process;

/// <summary>Looks at processes through /proc, and kills whatever a test left running so no test leaks a daemon.</summary>
internal sealed class Processes : IDisposable
{
    private readonly List<int> _started = [];

    /// <summary>Remembers a pid to kill (with its group) at the end of the test.</summary>
    public int Track(int pid)
    {
        _started.Add(pid);
        return pid;
    }

    /// <summary>A child started directly, not through an activity; still killed at the end.</summary>
    public System.Diagnostics.Process StartChild(params string[] argv)
    {
        var info = new System.Diagnostics.ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        var process = System.Diagnostics.Process.Start(info)!;
        Track(process.Id);
        return process;
    }

    public static bool IsRunning(int pid) => ProcessTable.Find(pid) is not null;

    public static async Task<bool> GoneWithin(int pid, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Field 6 of /proc/pid/stat: the session id.</summary>
    public static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3]);
    }

    public static string FileDescriptor(int pid, int fd) => new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget ?? string.Empty;

    public void Dispose()
    {
        foreach (var pid in _started.Where(IsRunning))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
    }
}
