using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using RunbookEngine.Activities.Config;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Archives;

/// <summary>
/// Writes an <see cref="ArchiveSource"/> as a pax tar (gzip-compressed or not) to a temporary file beside the archive.
/// Deterministic: entries in name order, owner 0:0 without names, each entry's modification time from its file, no
/// access or change times; the same folder gives the same bytes, which lets a rerun see its archive is already there.
/// </summary>
internal static class ArchiveWriter
{
    /// <summary>The SHA-256 the archive would have, computed without writing it anywhere.</summary>
    public static async Task<string> HashAsync(ArchiveSource source, bool gzip, ActivityContext context, CancellationToken cancellationToken)
    {
        using var sha = SHA256.Create();
        var sink = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write);
        await using (sink.ConfigureAwait(false))
        {
            await WriteArchiveAsync(source, sink, gzip, context, cancellationToken).ConfigureAwait(false);
            await sink.FlushFinalBlockAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(sha.Hash!);
        }
    }

    /// <summary>The temporary file written, its size and SHA-256.</summary>
    public static async Task<(string Temp, long Bytes, string Sha256)> WriteAsync(ArchiveSource source, string archive, bool gzip, ActivityContext context, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(archive)!, $".{Path.GetFileName(archive)}.{Guid.NewGuid():N}.partial");
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await WriteArchiveAsync(source, file, gzip, context, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                file.Position = 0;
                var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
                return (temp, file.Length, sha);
            }
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }

    private static async Task WriteArchiveAsync(ArchiveSource source, Stream target, bool gzip, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = gzip ? new GZipStream(target, CompressionLevel.Optimal, leaveOpen: true) : target;
        try
        {
            await WriteEntriesAsync(source, output, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (gzip)
            {
                await output.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteEntriesAsync(ArchiveSource source, Stream output, ActivityContext context, CancellationToken cancellationToken)
    {
        var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            long done = 0;
            foreach (var item in source.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = new PaxTarEntry(item.IsFolder ? TarEntryType.Directory : TarEntryType.RegularFile, item.Name)
                {
                    ModificationTime = item.Info.LastWriteTimeUtc,
                    Mode = OperatingSystem.IsWindows() ? (item.IsFolder ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4) : item.Info.UnixFileMode,
                };
                if (item.IsFolder)
                {
                    await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var data = new FileStream(item.Info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using (data.ConfigureAwait(false))
                {
                    entry.DataStream = data;
                    await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }

                done += item.Size;
                context.Progress.Report(new ActivityProgress(done, source.Bytes, context.Redactor.Redact(item.Path)));
            }
        }
    }
}
