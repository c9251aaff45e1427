namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// The closed-segment rules of uvSegmentLoadClosed (canonical/raft v0.15.0 src/uv_segment.c):
/// every batch valid up to exactly the end of the file, and "found X entries (expected Y)"
/// unless the count matches the name. raft's messages are quoted so operators can search them.
/// </summary>
internal static class ClosedSegments
{
    public static void Walk(SegmentFile segment, ChunkReader reader, BatchReader batches, SegmentScan scan, List<Problem> problems)
    {
        var name = segment.Name;
        if (segment.Last < segment.First)
        {
            SegmentReader.Fail(scan, problems, ProblemKind.SegmentCorrupt, $"{name}: end index is below first index", name);
            return;
        }

        for (var batch = 1; ; batch++)
        {
            var start = reader.Position;
            var outcome = batches.Read(scan);
            if (outcome == BatchOutcome.EndOfFile)
            {
                break;
            }

            if (outcome != BatchOutcome.Loaded)
            {
                var message = $"load closed segment {name}: entries batch {batch} starting at byte {start}: {batches.Detail}";
                SegmentReader.Fail(scan, problems, KindOf(outcome), message, name);
                return;
            }

            scan.ValidBytes = reader.Position;
        }

        var expected = segment.Last - segment.First + 1;
        if ((ulong)scan.EntryCount != expected)
        {
            SegmentReader.Fail(
                scan,
                problems,
                ProblemKind.SegmentEntryCountMismatch,
                $"load closed segment {name}: found {scan.EntryCount} entries (expected {expected})",
                name);
        }
    }

    private static ProblemKind KindOf(BatchOutcome outcome) => outcome switch
    {
        BatchOutcome.ShortRead => ProblemKind.SegmentTruncated,
        BatchOutcome.HeaderChecksum or BatchOutcome.DataChecksum => ProblemKind.ChecksumMismatch,
        _ => ProblemKind.SegmentCorrupt,
    };
}
