using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RunbookEngine.Journal;

/// <summary>
/// The few POSIX calls .NET does not expose: fdatasync, fsync of a directory, flock, and reading a file another
/// process holds an exclusive flock on (.NET's own FileStream takes a shared flock and would fail).
/// DllImport rather than LibraryImport because the source generator needs unsafe code enabled project-wide.
/// </summary>
internal static class LibC
{
    // O_RDONLY is 0 on every platform, unlike O_DIRECTORY or O_CLOEXEC; the descriptor lives only for one call.
    public const int O_RDONLY = 0;

    // flock(2) operations; the same values on Linux and the BSDs.
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    private const string Library = "libc";

#pragma warning disable SYSLIB1054 // see the summary
    [DllImport(Library, SetLastError = true)]
    public static extern int fdatasync(SafeFileHandle fd);

    [DllImport(Library, SetLastError = true)]
    public static extern int fsync(int fd);

    [DllImport(Library, SetLastError = true)]
    public static extern int flock(SafeFileHandle fd, int operation);

    [DllImport(Library, SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Library, SetLastError = true)]
    public static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport(Library, SetLastError = true)]
    public static extern int close(int fd);
#pragma warning restore SYSLIB1054

    public static IOException Error(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call}({path}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
    }

    /// <summary>Reads up to <paramref name="limit"/> bytes of a file without taking any lock; null when it cannot.</summary>
    public static byte[]? ReadWithoutLocking(string path, int limit)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var fd = open(path, O_RDONLY);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            // One read is enough: the file is a few hundred bytes, and read(2) on a regular file returns all
            // that is available up to the count.
            var buffer = new byte[limit];
            var n = (int)read(fd, buffer, limit);
            return n < 0 ? null : buffer[..n];
        }
        finally
        {
            _ = close(fd);
        }
    }
}
