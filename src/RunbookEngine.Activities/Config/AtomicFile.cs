namespace RunbookEngine.Activities.Config;

/// <summary>
/// Replaces a file so that a crash leaves either the old or the new content, never half of each: the bytes go to a
/// temporary file beside it, are flushed to disk, take over the old file's permissions, and are renamed over it.
/// (The folder itself is not fsynced: .NET cannot open a folder handle, so a crash right after the rename can still
/// bring back the old file on some file systems, but never a torn one.)
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path) ?? ".";
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            }

            // The last point where stopping leaves the old file as it was.
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Best effort: the error that got us here matters more than a leftover temporary file.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
