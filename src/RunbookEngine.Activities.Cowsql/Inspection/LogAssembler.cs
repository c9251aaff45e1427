namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Mirrors raft's load path (canonical/raft v0.15.0 src/uv.c uvLoadSnapshotAndEntries and
/// uvFilterSegments, src/uv_segment.c uvSegmentLoadAll; reference §3 and §5.1) to tell which
/// entries raft would load. With a snapshot, only the newest contiguous run of closed segments
/// counts, and it must start at or before snapshot index + 1 ("closed segment X is past last
/// snapshot Y"). Without one, the log must start at index 1. Loading stops at the first gap or
/// damaged segment: what follows is reported, never counted.
/// </summary>
internal static class LogAssembler
{
    public static LogState Assemble(IReadOnlyList<SegmentScan> closed, IReadOnlyList<SegmentScan> open, SnapshotInfo? snapshot, List<Problem> problems)
    {
        SegmentChecks.ReportOverlaps(closed, problems);
        var run = SegmentChecks.NewestRun(closed, open.Count > 0, snapshot, problems, out var pastSnapshot);
        var start = snapshot is null ? 1 : run.Count > 0 ? run[0].Segment.First : snapshot.Index + 1;
        var log = new LogBuilder(start);
        if (!pastSnapshot && LoadClosed(run, log, problems))
        {
            LoadOpen(open, log, problems);
        }

        if (snapshot is not null && log.Count > 0 && log.Next - 1 < snapshot.Index)
        {
            problems.Add(new Problem(
                ProblemKind.LastEntryBehindSnapshot,
                ProblemSeverity.Error,
                $"last entry on disk has index {log.Next - 1}, which is behind last snapshot's index {snapshot.Index}",
                snapshot.Name));
        }

        return LogState.From(log, snapshot, closed.Concat(open), run);
    }

    private static bool LoadClosed(IReadOnlyList<SegmentScan> run, LogBuilder log, List<Problem> problems)
    {
        foreach (var scan in run)
        {
            var segment = scan.Segment;
            if (segment.First != log.Next)
            {
                problems.Add(new Problem(
                    ProblemKind.SegmentGap,
                    ProblemSeverity.Error,
                    $"unexpected closed segment {segment.Name}: first index should have been {log.Next}",
                    segment.Name));
                return false;
            }

            // raft loads a closed segment whole or not at all: a damaged one either stops the
            // start or, when it is the newest closed segment, is renamed corrupt-* by
            // auto-recovery together with every open segment (observed with libraft 0.15.0).
            if (scan.Damaged)
            {
                return false;
            }

            log.Append(scan, scan.EntryCount, problems);
        }

        return true;
    }

    private static void LoadOpen(IReadOnlyList<SegmentScan> open, LogBuilder log, List<Problem> problems)
    {
        foreach (var scan in open)
        {
            log.Append(scan, scan.EntryCount, problems);
            if (scan.Damaged)
            {
                return;
            }
        }
    }
}
