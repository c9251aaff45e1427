using System.Security.Cryptography;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>
/// Replaces a file so that after a crash it holds either the old or the new content, never a mix or nothing:
/// write a temporary file next to it, sync it, rename it over the target, sync the directory.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content, IFileSync sync)
    {
        path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(path)!;
        // Hidden and uniquely named, so it is never mistaken for the real file and two writers never share it.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.Write(content);
                sync.SyncData(file);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        sync.SyncDirectory(directory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
