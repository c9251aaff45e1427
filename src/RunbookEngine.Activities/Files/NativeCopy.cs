using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// copy_file_range(2): the kernel copies (or, on file systems that can, shares) the bytes without them passing through
/// this process, as <see cref="File.Copy(string, string)"/> does; called here in chunks so a copy of a large file can
/// report progress and stop when cancelled between chunks. DllImport rather than LibraryImport for the reason given
/// in <c>RunbookEngine.Journal.LibC</c>.
/// </summary>
internal static class NativeCopy
{
    private const int EINTR = 4;
    private const int EBADF = 9;
    private const int EXDEV = 18;
    private const int EINVAL = 22;
    private const int ENOSYS = 38;
    private const int EOPNOTSUPP = 95;

    /// <summary>
    /// Copies up to <paramref name="count"/> bytes at the given offsets, advancing them. Returns the bytes copied
    /// (0 at the end of the source), or null when the kernel cannot copy between these two files; the caller then
    /// copies through a buffer.
    /// </summary>
    public static long? TryCopy(SafeFileHandle source, ref long sourceOffset, SafeFileHandle target, ref long targetOffset, long count)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        while (true)
        {
            var copied = copy_file_range(source, ref sourceOffset, target, ref targetOffset, (nuint)count, 0);
            if (copied >= 0)
            {
                return copied;
            }

            var errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case EINTR:
                    continue;
                case EXDEV or ENOSYS or EINVAL or EOPNOTSUPP or EBADF:
                    return null;
                default:
                    throw new IOException($"copy_file_range failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
            }
        }
    }

#pragma warning disable SYSLIB1054 // see the summary
    [DllImport("libc", SetLastError = true)]
    private static extern nint copy_file_range(SafeFileHandle fdIn, ref long offIn, SafeFileHandle fdOut, ref long offOut, nuint len, uint flags);
#pragma warning restore SYSLIB1054
}
