namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>The log raft would load, summarised (see <see cref="NodeReport"/> for the meaning of each field).</summary>
internal sealed record LogState(
    ulong? FirstIndex,
    ulong LastIndex,
    ulong LastTerm,
    long EntryCount,
    IReadOnlyList<TermRun> Terms,
    RaftConfiguration? Configuration,
    IReadOnlyList<SegmentInfo> Segments)
{
    public static LogState From(LogBuilder log, SnapshotInfo? snapshot, IEnumerable<SegmentScan> scans, IReadOnlyList<SegmentScan> run)
    {
        var hasEntries = log.Count > 0;
        var lastEntry = hasEntries ? log.Next - 1 : 0;
        var entriesWin = hasEntries && (snapshot is null || lastEntry >= snapshot.Index);
        var lastIndex = entriesWin ? lastEntry : snapshot?.Index ?? 0;
        var lastTerm = entriesWin ? log.Terms[^1].Term : snapshot?.Term ?? 0;

        // The newest configuration wins: a CHANGE entry at or after the snapshot's configuration index.
        var fromSnapshot = snapshot?.Configuration;
        var configuration = log.Configuration is { } entry && (fromSnapshot is null || entry.Index >= fromSnapshot.Index)
            ? entry
            : fromSnapshot;

        var segments = scans.Select(scan => Describe(scan, log, run, snapshot)).ToList();
        return new LogState(hasEntries ? log.Start : null, lastIndex, lastTerm, log.Count, log.Terms, configuration, segments);
    }

    private static SegmentInfo Describe(SegmentScan scan, LogBuilder log, IReadOnlyList<SegmentScan> run, SnapshotInfo? snapshot)
    {
        var segment = scan.Segment;
        var range = log.RangeOf(scan);
        var inLog = range is not null;
        var note = scan.EndNote;
        if (!inLog && !segment.IsOpen && !scan.Damaged)
        {
            note ??= run.Contains(scan) ? "not loaded: see the problems"
                : segment.Last <= snapshot?.Index ? "not loaded: covered by the snapshot and not contiguous with the newer segments"
                : "not loaded: not contiguous with the newer segments";
        }

        var first = segment.IsOpen ? range?.FirstIndex ?? 0 : segment.First;
        var last = segment.IsOpen ? range?.LastIndex ?? 0 : segment.Last;
        return new SegmentInfo(segment.Name, segment.IsOpen, first, last, scan.EntryCount, scan.BatchCount, scan.FileSize, scan.ValidBytes, inLog, note);
    }
}
