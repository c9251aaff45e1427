using System.Collections.Concurrent;
using RunbookEngine.Activities.Context;
using RunbookEngine.Journal;

namespace RunbookEngine.Activities.Files;

/// <param name="Overwrite">Replace files and links already at the destination (they are removed first, never written through).</param>
/// <param name="Verify">Compare the SHA-256 of every source file with its copy afterwards.</param>
/// <param name="Sync">fsync every copied file and folder, so the copy survives a power cut.</param>
/// <param name="Parallelism">Files copied at once; small files are dominated by per-file latency, which overlaps.</param>
internal sealed record CopyOptions(bool Overwrite, bool Verify, bool Sync, int Parallelism)
{
    /// <summary>Measured with bench/fs-copy (docs/benchmarks.md): beyond this, 2 cores gain nothing and a disk queue grows.</summary>
    public static int DefaultParallelism => Math.Clamp(Environment.ProcessorCount * 2, 4, 16);
}

/// <summary>Carries out a <see cref="CopySet"/>: folders, files in parallel (largest first), links, then folder modes and times, sync, verification.</summary>
internal static class TreeCopy
{
    public const string VerifyFailed = "fs.verify-failed";

    public static async Task ExecuteAsync(CopySet set, CopyOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var meter = new ProgressMeter(context, set.Bytes * (options.Verify ? 3 : 1));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
        try
        {
            CreateDirectories(set);
            if (options.Overwrite)
            {
                foreach (var replaced in set.Replaced)
                {
                    File.Delete(replaced);
                }
            }

            await Parallel.ForEachAsync(set.Files.OrderByDescending(f => f.File.Info.Length), parallel, (file, token) =>
            {
                FileCopier.Copy(file.File.Info.FullName, file.Target, file.File.Info.Length, options.Sync, meter, file.File.RelativePath, token);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);

            foreach (var link in set.Links)
            {
                File.CreateSymbolicLink(link.Target, new FileInfo(link.Source).LinkTarget ?? throw new IOException($"{link.Source} is no longer a symbolic link"));
                FileCopier.CopyOwner(link.Source, link.Target);
            }

            CopyDirectoryAttributes(set);
            if (options.Sync)
            {
                await Parallel.ForEachAsync(DirectoriesToSync(set), parallel, (directory, _) =>
                {
                    FileSync.Instance.SyncDirectory(directory);
                    return ValueTask.CompletedTask;
                }).ConfigureAwait(false);
            }

            meter.Report(null);
            if (options.Verify)
            {
                await VerifyAsync(set, meter, parallel, context).ConfigureAwait(false);
                meter.Report(null);
            }
        }
        catch when (!set.DestinationExisted)
        {
            // Nothing was there before: remove the partial copy, so a rerun starts clean and nothing looks like a copy that is not one.
            RemoveQuietly(set.Destination);
            throw;
        }
    }

    private static void CreateDirectories(CopySet set)
    {
        if (set.SourceIsFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(set.Destination)!);
            return;
        }

        foreach (var (_, target) in set.Directories)
        {
            Directory.CreateDirectory(target);
        }
    }

    /// <summary>Last, deepest first: writing into a folder changes its time, and a read-only source folder would stop the copy.</summary>
    private static void CopyDirectoryAttributes(CopySet set)
    {
        for (var i = set.Directories.Count - 1; i >= 0; i--)
        {
            var (relative, target) = set.Directories[i];
            if (relative.Length == 0 && set.DestinationExisted)
            {
                // Merging into a folder that was there: it keeps its own mode and time.
                continue;
            }

            var source = relative.Length == 0 ? set.Source : Path.Join(set.Source, relative);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(source));
            }

            Directory.SetLastWriteTimeUtc(target, Directory.GetLastWriteTimeUtc(source));
            FileCopier.CopyOwner(source, target);
        }
    }

    private static IEnumerable<string> DirectoriesToSync(CopySet set) =>
        set.SourceIsFile
            ? [Path.GetDirectoryName(set.Destination)!]
            : set.Directories.Select(d => d.Target).Append(Path.GetDirectoryName(set.Destination)!).Distinct(StringComparer.Ordinal);

    private static async Task VerifyAsync(CopySet set, ProgressMeter meter, ParallelOptions parallel, ActivityContext context)
    {
        var differ = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(set.Files, parallel, (file, token) =>
        {
            var item = "verifying " + file.File.RelativePath;
            var source = FileHash.Of(file.File.Info.FullName, file.File.Info.Length, n => meter.Add(n, item), token);
            var copy = FileHash.Of(file.Target, new FileInfo(file.Target).Length, n => meter.Add(n, item), token);
            if (source != copy)
            {
                differ.Add(file.File.RelativePath);
            }

            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        if (!differ.IsEmpty)
        {
            var names = differ.Order(StringComparer.Ordinal).ToList();
            throw new ActivityFailure(VerifyFailed, context.Redactor.Redact(
                $"{names.Count} of {set.Files.Count} copied files differ from their source (SHA-256): {string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", …" : string.Empty)}; was the source changing while it was copied?"),
                retryable: false);
        }
    }

    private static void RemoveQuietly(string path)
    {
        try
        {
            if (Entries.Probe(path) == EntryKind.Directory)
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort; the error that got us here matters more.
        }
    }
}
