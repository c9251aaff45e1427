using System.Runtime.InteropServices;

namespace RunbookEngine.Journal;

/// <summary>
/// fdatasync(2) on Linux: it skips the metadata a reader does not need (timestamps), which halves the cost of a
/// sync on most file systems. Elsewhere <see cref="FileStream.Flush(bool)"/>, which is fsync (F_FULLFSYNC on macOS).
/// </summary>
internal sealed class FileSync : IFileSync
{
    private const int EINTR = 4;

    private FileSync()
    {
    }

    public static FileSync Instance { get; } = new();

    public void SyncData(FileStream file)
    {
        if (!OperatingSystem.IsLinux())
        {
            file.Flush(flushToDisk: true);
            return;
        }

        file.Flush(flushToDisk: false);
        // Retry only on EINTR. After any other failure the kernel may have dropped the dirty pages, so a retry
        // could "succeed" without the data ever reaching the disk; the caller must treat the file as failed.
        int result;
        while ((result = LibC.fdatasync(file.SafeFileHandle)) != 0 && Marshal.GetLastPInvokeError() == EINTR)
        {
        }

        if (result != 0)
        {
            throw LibC.Error("fdatasync", file.Name);
        }
    }

    public void SyncDirectory(string directory)
    {
        // Windows has no way to sync a directory, and NTFS journals its metadata; nothing to do there.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = LibC.open(directory, LibC.O_RDONLY);
        if (fd < 0)
        {
            throw LibC.Error("open", directory);
        }

        try
        {
            int result;
            while ((result = LibC.fsync(fd)) != 0 && Marshal.GetLastPInvokeError() == EINTR)
            {
            }

            if (result != 0)
            {
                throw LibC.Error("fsync", directory);
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }
}
