namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Pairs snapshot data files with their .meta and picks the one raft loads (reference §2.6;
/// canonical/raft v0.15.0 src/uv_list.c, src/uv_snapshot.c): a pair counts only when both files
/// exist and the data file is not empty; the last by (term, index, timestamp) wins. At start raft
/// deletes orphans (either file without the other); an empty data file is skipped, not deleted.
/// </summary>
internal static class SnapshotCatalog
{
    private const int MetaSizeLimit = 2 * 1024 * 1024;

    public static (IReadOnlyList<SnapshotInfo> All, SnapshotInfo? Latest) Read(NodeListing listing, List<Problem> problems)
    {
        var names = new List<string>();
        foreach (var file in listing.Files)
        {
            var name = file.Name.EndsWith(FileNames.MetaSuffix, StringComparison.Ordinal) ? file.Name[..^FileNames.MetaSuffix.Length] : file.Name;
            if (FileNames.TryParseSnapshot(name, out _, out _, out _) && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        // The listing is in ordinal name order, so problems come out in a stable order.
        var all = names.ConvertAll(n => Describe(listing, n, problems));
        all.Sort((a, b) => a.Term != b.Term ? a.Term.CompareTo(b.Term)
            : a.Index != b.Index ? a.Index.CompareTo(b.Index)
            : a.Timestamp.CompareTo(b.Timestamp));
        var latest = all.LastOrDefault(s => s.IsUsable);
        if (latest is { Configuration: null })
        {
            // raft fails to load the snapshot it picked; older ones are not tried (uvLoadSnapshotAndEntries).
            var invalid = problems.FindIndex(p => p.Kind == ProblemKind.SnapshotMetaInvalid && p.File == latest.MetaName);
            if (invalid >= 0)
            {
                problems[invalid] = problems[invalid] with { Severity = ProblemSeverity.Error };
            }
        }

        return (all, latest);
    }

    private static SnapshotInfo Describe(NodeListing listing, string name, List<Problem> problems)
    {
        FileNames.TryParseSnapshot(name, out var term, out var index, out var timestamp);
        var data = listing.Find(name);
        var meta = listing.Find(name + FileNames.MetaSuffix);
        if (data is null || meta is null)
        {
            var present = (data ?? meta)!;
            var missing = data is null ? "data file" : ".meta";
            problems.Add(new Problem(
                ProblemKind.OrphanSnapshotFile,
                ProblemSeverity.Warning,
                $"{present.Name} has no {missing}; raft deletes the orphan at the next start",
                present.Name));
        }
        else if (data.Length == 0)
        {
            problems.Add(new Problem(ProblemKind.SnapshotEmpty, ProblemSeverity.Warning, $"{name} is empty; raft skips this snapshot", name));
        }

        var configuration = meta is null ? null : ReadMeta(meta, problems);
        return new SnapshotInfo(name, term, index, timestamp, data is not null, meta is not null, data?.Length ?? 0, IsLz4(data, problems), configuration);
    }

    private static RaftConfiguration? ReadMeta(NodeFile meta, List<Problem> problems)
    {
        var bytes = ReadOnlyFiles.ReadSmall(meta, MetaSizeLimit, problems);
        if (bytes is null)
        {
            return null;
        }

        var configuration = SnapshotMetaReader.TryRead(bytes, meta.Name, out var error);
        if (configuration is null)
        {
            problems.Add(new Problem(ProblemKind.SnapshotMetaInvalid, ProblemSeverity.Warning, error!, meta.Name));
        }

        return configuration;
    }

    private static bool IsLz4(NodeFile? data, List<Problem> problems)
    {
        if (data is null || data.Length < 4)
        {
            return false;
        }

        try
        {
            using var handle = ReadOnlyFiles.Open(data);
            Span<byte> magic = stackalloc byte[4];
            return RandomAccess.Read(handle, magic, 0) == 4
                && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(magic) == RaftFormat.Lz4FrameMagic;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(ReadOnlyFiles.Unreadable(data, ex));
            return false;
        }
    }
}
