using System.Globalization;
using System.Text;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// One live process as /proc shows it. <paramref name="StartTime"/> (clock ticks after boot) tells a process from a
/// later one that reuses its pid; <paramref name="ProcessGroup"/> equals the pid for a group leader.
/// </summary>
internal sealed record ProcessEntry(int Pid, int ParentPid, int ProcessGroup, long StartTime, IReadOnlyList<string> Argv)
{
    /// <summary>The command line as <c>ps</c> shows it: arguments joined by spaces.</summary>
    public string CommandLine => string.Join(' ', Argv);
}

/// <summary>
/// Reads processes from /proc (Linux, where the target hosts run). Read-only. Zombies count as gone: they have exited
/// and only wait for their parent to collect the exit status.
/// </summary>
internal static class ProcessTable
{
    private const string Root = "/proc";

    /// <summary>The live process with this pid, or null when there is none (or only a zombie).</summary>
    public static ProcessEntry? Find(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"{Root}/{pid}/stat");

            // The command name in parentheses may itself contain spaces and parentheses; fields follow the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] is "Z" or "X" or "x")
            {
                return null;
            }

            var cmdline = File.ReadAllBytes($"{Root}/{pid}/cmdline");
            var argv = Encoding.UTF8.GetString(cmdline).TrimEnd('\0').Split('\0', StringSplitOptions.None);
            return new ProcessEntry(
                pid,
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                int.Parse(fields[2], CultureInfo.InvariantCulture),
                long.Parse(fields[19], CultureInfo.InvariantCulture),
                cmdline.Length == 0 ? [] : argv);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // It exited while we read, or /proc is not there: either way there is no live process to report.
            return null;
        }
    }

    /// <summary>Every live process with a command line (kernel threads have none).</summary>
    public static IEnumerable<ProcessEntry> All()
    {
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(Root).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var folder in folders)
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Find(pid) is { Argv.Count: > 0 } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>This process and its ancestors: they run the engine, so they are never the process a check looks for.</summary>
    public static IReadOnlySet<int> SelfAndAncestors()
    {
        var pids = new HashSet<int>();
        for (var pid = Environment.ProcessId; pid > 0 && pids.Add(pid);)
        {
            pid = Find(pid)?.ParentPid ?? 0;
        }

        return pids;
    }
}
