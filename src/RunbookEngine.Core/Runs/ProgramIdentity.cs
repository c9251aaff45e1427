using System.Globalization;
using System.Text;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>
/// A process as it can be found again later: its pid and its start time in clock ticks since boot (field 22 of
/// <c>/proc/&lt;pid&gt;/stat</c>, see proc(5)). A pid alone may have been reused by then; the pair may not.
/// </summary>
internal sealed record ProgramIdentity(int ProcessId, long StartTicks)
{
    /// <summary>The process as it is now, or null when it is gone or this is not Linux.</summary>
    public static ProgramIdentity? Of(int processId) =>
        Stat(processId) is { } stat ? new ProgramIdentity(processId, stat.StartTicks) : null;

    /// <summary>The same process still exists and has not finished (a zombie has; only its parent has not collected it).</summary>
    public bool IsRunning() => Stat(ProcessId) is { } stat && stat.StartTicks == StartTicks && stat.State != 'Z';

    /// <summary>Its command line, arguments joined by spaces and cut at <paramref name="limit"/> characters; null when gone.</summary>
    public string? CommandLine(int limit = 120)
    {
        var bytes = LibC.ReadWithoutLocking($"/proc/{ProcessId}/cmdline", 4096);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes).TrimEnd('\0').Replace('\0', ' ');
        return text.Length <= limit ? text : text[..(limit - 1)] + "…";
    }

    /// <summary>
    /// The processes it started that still run, and theirs (a shell's <c>cp</c>), found through the parent pids in
    /// /proc. Stopping only the program itself would leave them working.
    /// </summary>
    public IReadOnlyList<ProgramIdentity> Descendants()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Parent(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var found = new List<ProgramIdentity>();
        var queue = new Queue<int>([ProcessId]);
        while (queue.Count > 0 && found.Count < 1000)
        {
            foreach (var child in children.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                if (Of(child) is { } identity && identity.IsRunning())
                {
                    found.Add(identity);
                    queue.Enqueue(child);
                }
            }
        }

        return found;
    }

    private static int? Parent(int processId) =>
        Fields(processId) is { Length: > 1 } fields && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;

    /// <summary>State and start time from /proc/&lt;pid&gt;/stat: "pid (comm) S ppid ..." where comm may hold spaces and ')'.</summary>
    private static (char State, long StartTicks)? Stat(int processId) =>
        Fields(processId) is { Length: > 19 } fields && fields[0].Length == 1 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? (fields[0][0], start)
            : null;

    /// <summary>The fields after "(comm) ": index 0 is field 3 (state), 1 the parent pid, 19 field 22 (starttime).</summary>
    private static string[]? Fields(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var bytes = LibC.ReadWithoutLocking($"/proc/{processId}/stat", 1024);
        if (bytes is null)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(bytes);
        var close = text.LastIndexOf(')');
        return close < 0 || close + 2 >= text.Length ? null : text[(close + 2)..].Split(' ');
    }
}
