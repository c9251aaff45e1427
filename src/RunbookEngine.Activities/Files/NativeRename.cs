using System.Runtime.InteropServices;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// rename(2), and renameat2(2) with RENAME_NOREPLACE so "do not overwrite" holds even if something appears at the
/// destination between the check and the rename. Returns the errno, so a move across file systems (EXDEV) is seen
/// as such instead of .NET quietly copying a file without syncing it. Linux only.
/// DllImport rather than LibraryImport for the reason given in <c>RunbookEngine.Journal.LibC</c>.
/// </summary>
internal static class NativeRename
{
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    private const int EINVAL = 22;
    private const int ENOSYS = 38;
    private const int AtFdCwd = -100;
    private const uint RenameNoReplace = 1;

    /// <summary>0 on success, else the errno.</summary>
    public static int Rename(string from, string to, bool replace)
    {
        if (!replace)
        {
            if (renameat2(AtFdCwd, from, AtFdCwd, to, RenameNoReplace) == 0)
            {
                return 0;
            }

            var errno = Marshal.GetLastPInvokeError();

            // Some file systems cannot promise no-replace; the caller checked just before, which is the best left.
            if (errno is not (EINVAL or ENOSYS))
            {
                return errno;
            }
        }

        return rename(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

#pragma warning disable SYSLIB1054 // see the summary
    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string from, int newdirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string to, uint flags);
#pragma warning restore SYSLIB1054
}
