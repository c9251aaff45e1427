namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Scans segment files on all cores: each file is independent until the log is assembled, and
/// checksumming is most of the work. Problems are kept per file and appended in file order, so
/// the report does not depend on scheduling. Memory grows by one read window (256 KiB) per core.
/// </summary>
internal static class SegmentScanner
{
    public static List<SegmentScan> ScanAll(IReadOnlyList<SegmentFile> segments, InspectOptions options, List<Problem> problems)
    {
        var scans = new SegmentScan[segments.Count];
        var found = new List<Problem>[segments.Count];
        Parallel.For(0, segments.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount }, i =>
        {
            found[i] = [];
            scans[i] = SegmentReader.Scan(segments[i], options.VerifyClosedSegmentData, found[i]);
        });

        foreach (var list in found)
        {
            problems.AddRange(list);
        }

        return [.. scans];
    }
}
