namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Files raft leaves behind that tell a story: corrupt-* (auto-recovery renamed a segment it
/// could not load, so the log silently got shorter; canonical/raft src/uv_segment.c
/// uvMoveCorruptSegment) and tmp-* (an interrupted write; deleted at every start). Reference §1, §3.
/// </summary>
internal static class StrayFiles
{
    public static void Report(NodeListing listing, List<Problem> problems)
    {
        foreach (var file in listing.Files)
        {
            if (file.Name.StartsWith("corrupt-", StringComparison.Ordinal))
            {
                problems.Add(new Problem(
                    ProblemKind.CorruptSegmentRenamed,
                    ProblemSeverity.Warning,
                    $"{file.Name}: raft's auto-recovery set this segment aside; its entries are no longer part of the log",
                    file.Name));
            }
            else if (file.Name.StartsWith("tmp-", StringComparison.Ordinal))
            {
                problems.Add(new Problem(ProblemKind.TemporaryFile, ProblemSeverity.Warning, $"{file.Name}: leftover of an interrupted write; raft deletes it at start", file.Name));
            }
        }
    }
}
