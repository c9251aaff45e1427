using System.Runtime.InteropServices;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// POSIX signals. .NET can only SIGKILL a process, and stopping a database node politely needs SIGTERM first.
/// Success is judged by looking at /proc afterwards rather than by errno, which is all a caller needs.
/// </summary>
internal static class Signals
{
    public const int Term = 15;
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/> to a process, or to its whole process group; false when the kernel refused.</summary>
    public static bool Send(int pid, int signal, bool toGroup)
    {
        if (pid <= 1)
        {
            // kill(0) and kill(-1) mean "my group" and "everyone"; pid 1 is init. None is ever what a runbook means.
            throw new InvalidOperationException($"refusing to signal pid {pid}");
        }

        return NativeMethods.Kill(toGroup ? -pid : pid, signal) == 0;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}
