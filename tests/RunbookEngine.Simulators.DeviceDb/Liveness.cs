namespace RunbookEngine.Simulators.DeviceDb;

/// <summary>Whether the process serving a node still runs, read from /proc (zombies and reused pids count as gone).</summary>
public static class Liveness
{
    public static long StartTime(int pid)
    {
        var stat = Stat(pid);
        return stat is null ? 0 : long.Parse(stat[19], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool IsAlive(int pid, long startTime)
    {
        if (pid <= 0)
        {
            return false;
        }

        var stat = Stat(pid);
        return stat is not null && stat[0] != "Z" && stat[0] != "X" && (startTime == 0 || stat[19] == startTime.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Fields of /proc/pid/stat after the command name (so index 0 is the state, index 19 the start time).</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
