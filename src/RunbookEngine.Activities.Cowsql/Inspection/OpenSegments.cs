namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// The open-segment rules of uvSegmentLoadOpen (canonical/raft v0.15.0 src/uv_segment.c;
/// reference §2.3). Open segments are preallocated and zero-filled, so a clean end is a batch
/// preamble of zeros. Any other decoding failure (bad checksum, bad count or type) is a torn
/// write: raft keeps the batches before it and truncates the rest when it closes the segment.
/// A batch running past the end of the file is different: raft does not treat the short read as
/// a torn write. Measured on Debian's libraft 0.15.0: .reconfigure and dqlite-demo abort with
/// "double free or corruption (!prev)" (tests/.../Fixtures/README.md, torn-open-truncated);
/// the code of later versions returns RAFT_IOERR, which is not auto-recovered.
/// </summary>
internal static class OpenSegments
{
    public static void Walk(SegmentFile segment, ChunkReader reader, BatchReader batches, SegmentScan scan, List<Problem> problems)
    {
        var name = segment.Name;
        for (var batch = 1; ; batch++)
        {
            var start = reader.Position;
            var outcome = batches.Read(scan);
            switch (outcome)
            {
                case BatchOutcome.Loaded:
                    scan.ValidBytes = reader.Position;
                    continue;
                case BatchOutcome.EndOfFile:
                    scan.EndNote = $"entries run to the end of the file ({start} bytes)";
                    return;
                case BatchOutcome.ZeroCount when batches.PreambleAllZero:
                    scan.EndNote = $"entries end at byte {start}; the rest is preallocated zeros";
                    return;
                case BatchOutcome.ShortRead:
                    problems.Add(new Problem(
                        ProblemKind.OpenSegmentTorn,
                        ProblemSeverity.Error,
                        $"{name}: entries batch {batch} starting at byte {start}: {batches.Detail}; the file ends inside a batch, which raft does not truncate: libraft 0.15.0 aborts (\"double free or corruption\"), later versions refuse to start with an I/O error",
                        name));
                    scan.EndNote = $"cut inside batch {batch} at byte {start}";
                    scan.Damaged = true;
                    return;
                default:
                    problems.Add(new Problem(
                        ProblemKind.OpenSegmentTorn,
                        ProblemSeverity.Warning,
                        $"{name}: entries batch {batch} starting at byte {start}: {batches.Detail}; raft keeps the {scan.EntryCount} entries before it and truncates the segment at byte {start}",
                        name));
                    scan.EndNote = $"torn at batch {batch}, byte {start}";
                    return;
            }
        }
    }
}
