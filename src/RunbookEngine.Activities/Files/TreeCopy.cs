using System.Collections.Concurrent;
using RunbookEngine.Activities.Context;
using RunbookEngine.Journal;

namespace RunbookEngine.Activities.Files;

/// <param name="Overwrite">Replace files and links already at the destination (they are removed first, never written through).</param>
/// <param name="Verify">Compare the SHA-256 of every source file with its copy afterwards.</param>
/// <param name="Sync">Make the copy durable before returning (one syncfs on Linux, else fsync of every file and folder), so it survives a power cut.</param>
/// <param name="Parallelism">Files copied at once; small files are dominated by per-file latency, which overlaps.</param>
internal sealed record CopyOptions(bool Overwrite, bool Verify, bool Sync, int Parallelism)
{
    /// <summary>Measured with bench/fs-copy (docs/benchmarks.md): beyond this, 2 cores gain nothing and a disk queue grows.</summary>
    public static int DefaultParallelism => Math.Clamp(Environment.ProcessorCount * 2, 4, 16);
}

/// <summary>Carries out a <see cref="CopySet"/>: folders, files in parallel (largest first, each verified after copying), links, then folder modes and times, sync.</summary>
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

            // Where the file system can be synced whole, that is done once at the end (see FileSystemSync). Each file is
            // verified by the worker that copied it, while source and copy are still in the page cache: a tree larger
            // than memory is then read once, not again for a verification pass after the copy. (On the bench tree,
            // which fits in memory, both orders take the same time: 2 cores hash at their limit either way.)
            var syncEachFile = options.Sync && !FileSystemSync.Available;
            var differ = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(set.Files.OrderByDescending(f => f.File.Info.Length), parallel, (file, token) =>
            {
                FileCopier.Copy(file.File.Info.FullName, file.Target, file.File.Info.Length, syncEachFile, meter, file.File.RelativePath, token);
                if (options.Verify && !SameContent(file, meter, token))
                {
                    differ.Add(file.File.RelativePath);
                }

                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);

            foreach (var link in set.Links)
            {
                File.CreateSymbolicLink(link.Target, new FileInfo(link.Source).LinkTarget ?? throw new IOException($"{link.Source} is no longer a symbolic link"));
                FileCopier.CopyOwner(link.Source, link.Target);
            }

            CopyDirectoryAttributes(set);
            if (options.Sync && FileSystemSync.Available)
            {
                FileSystemSync.Sync(set.SourceIsFile ? Path.GetDirectoryName(set.Destination)! : set.Destination);
            }
            else if (options.Sync)
            {
                await Parallel.ForEachAsync(DirectoriesToSync(set), parallel, (directory, _) =>
                {
                    FileSync.Instance.SyncDirectory(directory);
                    return ValueTask.CompletedTask;
                }).ConfigureAwait(false);
            }

            meter.Report(null);
            if (!differ.IsEmpty)
            {
                var names = differ.Order(StringComparer.Ordinal).ToList();
                throw new ActivityFailure(VerifyFailed, context.Redactor.Redact(
                    $"{names.Count} of {set.Files.Count} copied files differ from their source (SHA-256): {string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", …" : string.Empty)}; was the source changing while it was copied?"),
                    retryable: false);
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

    private static bool SameContent(CopyFile file, ProgressMeter meter, CancellationToken cancellationToken)
    {
        var item = "verifying " + file.File.RelativePath;
        var source = FileHash.Of(file.File.Info.FullName, file.File.Info.Length, n => meter.Add(n, item), cancellationToken);
        var copy = FileHash.Of(file.Target, new FileInfo(file.Target).Length, n => meter.Add(n, item), cancellationToken);
        return source == copy;
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
