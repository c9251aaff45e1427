using System.Security.Cryptography;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>Copies a scanned tree, hashing each file as it is read so the manifest describes exactly the bytes written.</summary>
internal static class TreeCopier
{
    private const int BufferSize = 1 << 20;

    /// <summary>Progress within a large file every this many bytes: often enough for a bar, rare enough to cost nothing.</summary>
    private const long ReportEvery = 16L << 20;

    public static async Task<IReadOnlyList<ManifestEntry>> CopyAsync(FileTree tree, string target, ActivityContext context, CancellationToken cancellationToken)
    {
        var entries = new List<ManifestEntry>(tree.Files.Count);
        var total = tree.Bytes;
        var done = 0L;
        var buffer = new byte[BufferSize];
        foreach (var file in tree.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.RelativePath.Contains('\n', StringComparison.Ordinal) || file.RelativePath == BackupManifest.FileName)
            {
                throw new ActivityFailure("fs.unsupported-name", context.Redactor.Redact($"cannot back up '{file.RelativePath}': the name would corrupt the manifest"), retryable: false);
            }

            var destination = Path.Combine(target, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            context.Progress.Report(new ActivityProgress(done, total, context.Redactor.Redact(file.RelativePath)));
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                // Never open an empty entry: sockets and FIFOs look like empty files to .NET, and opening a FIFO blocks.
                if (file.Info.Length > 0)
                {
                    await using var input = new FileStream(file.Info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                    int read;
                    while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        size += read;
                        done += read;
                        if (size % ReportEvery < read)
                        {
                            context.Progress.Report(new ActivityProgress(done, total, context.Redactor.Redact(file.RelativePath)));
                        }
                    }
                }

                // A backup taken just before data is wiped has to be on disk, not in the page cache.
                output.Flush(flushToDisk: true);
            }

            // Databases check their files' permissions on start; a restored 0644 key file can stop a node. (Owners need root; not kept.)
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(file.Info.FullName));
            }

            File.SetLastWriteTimeUtc(destination, file.Info.LastWriteTimeUtc);
            entries.Add(new ManifestEntry(file.RelativePath, size, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }

        context.Progress.Report(new ActivityProgress(done, total, null));
        return entries;
    }
}
