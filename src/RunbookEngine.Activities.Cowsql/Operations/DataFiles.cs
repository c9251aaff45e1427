using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Operations;

/// <summary>
/// The seed's terminology (000 "Terminology"): a node directory holds <em>data files</em> (segments, snapshots and
/// their .meta), <em>metadata files</em> (metadata1, metadata2) and the app's yaml files. raft's own leftovers
/// (tmp-*, corrupt-*) count as data here: a restore that replaces the data must not leave them behind
/// (they stay in the backup).
/// </summary>
internal static class DataFiles
{
    public static readonly string[] MetadataNames = ["metadata1", "metadata2"];

    public static bool IsData(string name) =>
        FileNames.TryParseClosed(name, out _, out _)
        || FileNames.TryParseOpen(name, out _)
        || FileNames.TryParseSnapshot(name.EndsWith(FileNames.MetaSuffix, StringComparison.Ordinal) ? name[..^FileNames.MetaSuffix.Length] : name, out _, out _, out _)
        || name.StartsWith("tmp-", StringComparison.Ordinal)
        || name.StartsWith("corrupt-", StringComparison.Ordinal);

    /// <summary>The data files directly inside <paramref name="directory"/> (none when it does not exist), by name.</summary>
    public static IReadOnlyList<FileInfo> List(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles().Where(f => IsData(f.Name) && f.LinkTarget is null).OrderBy(f => f.Name, StringComparer.Ordinal).ToList()
            : [];

    public static bool HasMetadata(string directory) => MetadataNames.Any(n => File.Exists(Path.Combine(directory, n)));
}
