using System.Collections.Concurrent;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>What re-checking a backup against its manifest found: nothing in <see cref="Mismatches"/> means intact.</summary>
internal sealed record BackupCheckResult(int Files, long Bytes, IReadOnlyList<string> Mismatches)
{
    public bool Ok => Mismatches.Count == 0;
}

/// <summary>
/// Re-checks a folder made by <c>fs.backup</c> against its <see cref="BackupManifest"/>: every listed file present
/// with its size and SHA-256, nothing else in the folder (an extra file is not part of the backup, and a restore
/// would otherwise bring it back).
/// </summary>
internal static class BackupCheck
{
    public const string NotABackup = "fs.not-a-backup";

    /// <summary>Why <paramref name="folder"/> cannot be checked at all (error type, message), or null.</summary>
    public static (string ErrorType, string Message)? Problem(string folder) =>
        !Directory.Exists(folder) ? (CopySet.NotFound, $"{folder} does not exist")
        : !File.Exists(Path.Join(folder, BackupManifest.FileName)) ? (NotABackup, $"{folder} has no {BackupManifest.FileName}; it was not made by fs.backup")
        : null;

    /// <summary>The manifest's entries, or the reason they cannot be trusted as an <see cref="ActivityFailure"/>.</summary>
    public static IReadOnlyList<ManifestEntry> Manifest(string folder, ActivityContext context)
    {
        try
        {
            return BackupManifest.Read(Path.Join(folder, BackupManifest.FileName));
        }
        catch (InvalidDataException ex)
        {
            throw new ActivityFailure(NotABackup, context.Redactor.Redact($"{folder}: {ex.Message}"), retryable: false);
        }
    }

    /// <param name="hashes">Also hash every file; without, only presence and sizes are checked (cheap enough for a plan).</param>
    public static Task<BackupCheckResult> RunAsync(string folder, bool hashes, ActivityContext context, CancellationToken cancellationToken) =>
        RunAsync(folder, Manifest(folder, context), isBackup: true, hashes, context, cancellationToken);

    /// <summary>
    /// Checks <paramref name="folder"/> against <paramref name="manifest"/>: the backup itself (<paramref name="isBackup"/>,
    /// which holds the manifest file), or a folder it was restored into.
    /// </summary>
    public static async Task<BackupCheckResult> RunAsync(string folder, IReadOnlyList<ManifestEntry> manifest, bool isBackup, bool hashes, ActivityContext context, CancellationToken cancellationToken)
    {
        var bytes = manifest.Sum(e => e.Size);
        var meter = new ProgressMeter(context, hashes ? bytes : 0);
        var mismatches = new ConcurrentBag<string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = CopyOptions.DefaultParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(manifest, parallel, (entry, token) =>
        {
            if (Check(folder, entry, hashes, meter, token) is { } mismatch)
            {
                mismatches.Add(mismatch);
            }

            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        var listed = manifest.Select(e => e.RelativePath).ToHashSet(StringComparer.Ordinal);
        if (isBackup)
        {
            listed.Add(BackupManifest.FileName);
        }

        var tree = FileTree.Scan(folder, cancellationToken);
        foreach (var extra in tree.Files.Select(f => f.RelativePath).Where(p => !listed.Contains(p)))
        {
            mismatches.Add($"{extra}: not in the manifest");
        }

        foreach (var link in tree.Links)
        {
            mismatches.Add($"{link}: a symbolic link, not in the manifest");
        }

        meter.Report(null);
        return new BackupCheckResult(manifest.Count, bytes, mismatches.Order(StringComparer.Ordinal).ToList());
    }

    private static string? Check(string folder, ManifestEntry entry, bool hashes, ProgressMeter meter, CancellationToken cancellationToken)
    {
        var path = Path.Join(folder, entry.RelativePath);
        var kind = Entries.Probe(path);
        if (kind != EntryKind.File)
        {
            return kind == EntryKind.Missing ? $"{entry.RelativePath}: missing" : $"{entry.RelativePath}: a {(kind == EntryKind.Link ? "symbolic link" : "folder")}, not a file";
        }

        var size = new FileInfo(path).Length;
        if (size != entry.Size)
        {
            return $"{entry.RelativePath}: {size} bytes, the manifest says {entry.Size}";
        }

        if (!hashes)
        {
            return null;
        }

        var (sha256, _) = FileHash.Of(path, size, n => meter.Add(n, entry.RelativePath), cancellationToken);
        return sha256 == entry.Sha256 ? null : $"{entry.RelativePath}: SHA-256 differs from the manifest";
    }
}
