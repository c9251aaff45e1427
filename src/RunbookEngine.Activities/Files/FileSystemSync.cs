using System.Runtime.InteropServices;
using RunbookEngine.Journal;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// Makes a whole copy durable with one syncfs(2) of the destination's file system instead of an fsync per file and
/// folder: each fsync on ext4 commits the journal and flushes the disk cache, which for 2,000 small files cost more
/// than the copy itself (bench/fs-copy, docs/benchmarks.md). syncfs also writes back whatever else is dirty on that
/// file system, as sync(1) does. Linux only; elsewhere callers fsync file by file.
/// DllImport rather than LibraryImport for the reason given in <c>RunbookEngine.Journal.LibC</c>.
/// </summary>
public static class FileSystemSync
{
    private const int EINTR = 4;

    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>Writes every dirty page and inode of the file system holding <paramref name="folder"/> to disk.</summary>
    public static void Sync(string folder)
    {
        var fd = LibC.open(folder, LibC.O_RDONLY);
        if (fd < 0)
        {
            throw LibC.Error("open", folder);
        }

        try
        {
            int result;
            while ((result = syncfs(fd)) != 0 && Marshal.GetLastPInvokeError() == EINTR)
            {
            }

            if (result != 0)
            {
                // Since Linux 5.8 this reports a write-back error on the file system: the copy may not be on disk.
                throw LibC.Error("syncfs", folder);
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

#pragma warning disable SYSLIB1054 // see the summary
    [DllImport("libc", SetLastError = true)]
    private static extern int syncfs(int fd);
#pragma warning restore SYSLIB1054
}
