using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Operations;

/// <summary>
/// What seed 000 C.1.1 does by trial ("remove the offending segment and try to start again; repeat"), worked out
/// before anything is deleted: while raft's loader would report <c>closed segment X is past last snapshot Y</c>
/// (reference §5.1), the newest contiguous run of closed segments starting at X is dropped, together with every open
/// segment — open segments carry no index of their own and would otherwise be numbered as if they followed the older
/// segments that remain (reference §2.3), a silent corruption the seed's procedure does not mention.
/// </summary>
internal sealed record PastSnapshotRepair(
    NodeReport Before,
    NodeReport After,
    IReadOnlyList<SegmentInfo> Dropped,
    ulong MissingFrom,
    ulong MissingTo,
    long DroppedEntries,
    ulong DroppedFrom,
    ulong DroppedTo)
{
    private const int MaxRounds = 1000;

    public bool NeedsRepair => Dropped.Count > 0;

    /// <summary>Every index past the snapshot that the node had (in files) or should have had, and will not have after.</summary>
    public string Describe()
    {
        if (!NeedsRepair)
        {
            return "no closed segment is past the last snapshot; nothing to drop";
        }

        var missing = MissingTo >= MissingFrom ? $"entries {MissingFrom}–{MissingTo} were already missing (the gap); " : string.Empty;
        var dropped = DroppedEntries > 0 ? $"entries {DroppedFrom}–{DroppedTo} ({DroppedEntries}) are deleted with {Files(Dropped.Count)}" : $"{Files(Dropped.Count)} without entries are deleted";
        return $"{missing}{dropped}; the node then starts from snapshot index {After.LatestSnapshot?.Index ?? 0} with last index {After.LastIndex} (term {After.LastTerm})";
    }

    private static string Files(int count) => count == 1 ? "1 segment file" : $"{count} segment files";

    public static PastSnapshotRepair Plan(string directory)
    {
        var before = NodeInspector.Inspect(directory);
        var exclude = new HashSet<string>(StringComparer.Ordinal);
        var current = before;
        var missingFrom = ulong.MaxValue;
        var missingTo = 0UL;
        for (var round = 0; round < MaxRounds; round++)
        {
            var problem = current.Problems.FirstOrDefault(p => p.Kind == ProblemKind.ClosedSegmentPastLastSnapshot);
            if (problem?.File is null || !FileNames.TryParseClosed(problem.File, out var runFirst, out _))
            {
                break;
            }

            var snapshotIndex = current.LatestSnapshot?.Index ?? 0;
            missingFrom = Math.Min(missingFrom, snapshotIndex + 1);
            missingTo = Math.Max(missingTo, runFirst - 1);
            foreach (var segment in current.Segments.Where(s => s.IsOpen || (!s.InLog && s.FirstIndex >= runFirst)))
            {
                exclude.Add(segment.Name);
            }

            current = NodeInspector.Inspect(directory, InspectOptions.Default with { Exclude = exclude });
        }

        var dropped = before.Segments.Where(s => exclude.Contains(s.Name)).ToList();
        var closed = dropped.Where(s => !s.IsOpen).ToList();
        var openEntries = dropped.Where(s => s.IsOpen).Sum(s => s.EntryCount);
        var droppedFrom = closed.Count > 0 ? closed.Min(s => s.FirstIndex) : 0;
        var droppedTo = closed.Count > 0 ? closed.Max(s => s.LastIndex) + (ulong)openEntries : 0;
        return new PastSnapshotRepair(before, current, dropped, missingFrom == ulong.MaxValue ? 1 : missingFrom, missingTo, closed.Sum(s => s.EntryCount) + openEntries, droppedFrom, droppedTo);
    }
}
