namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>Checks over the set of closed segments, before any entry is numbered.</summary>
internal static class SegmentChecks
{
    /// <summary>
    /// raft's segment sort assumes disjoint ranges (uvSegmentInfoCompare); with overlaps the
    /// order, and so whether raft starts, depends on qsort and directory order (reference §3,
    /// "overlapping layout started fine, another produced 'past last snapshot'"). Flag, don't emulate.
    /// </summary>
    public static void ReportOverlaps(IReadOnlyList<SegmentScan> closed, List<Problem> problems)
    {
        SegmentFile? widest = null;
        foreach (var scan in closed)
        {
            var segment = scan.Segment;
            if (widest is not null && segment.First <= widest.Last)
            {
                problems.Add(new Problem(
                    ProblemKind.SegmentOverlap,
                    ProblemSeverity.Error,
                    $"closed segments {widest.Name} and {segment.Name} both hold indexes {segment.First}..{Math.Min(segment.Last, widest.Last)}; raft's load order is then undefined and it may refuse to start",
                    segment.Name));
            }

            if (widest is null || segment.Last > widest.Last)
            {
                widest = segment;
            }
        }
    }

    /// <summary>
    /// uvFilterSegments: with a snapshot, the closed segments raft keeps are the newest run of
    /// contiguous ones; all are dropped when the newest ends before the snapshot and no open
    /// segment exists. Without a snapshot every closed segment is loaded.
    /// </summary>
    public static IReadOnlyList<SegmentScan> NewestRun(
        IReadOnlyList<SegmentScan> closed, bool hasOpen, SnapshotInfo? snapshot, List<Problem> problems, out bool pastSnapshot)
    {
        pastSnapshot = false;
        if (snapshot is null || closed.Count == 0)
        {
            return closed;
        }

        var j = closed.Count - 1;
        if (closed[j].Segment.Last < snapshot.Index && !hasOpen)
        {
            return [];
        }

        var i = j;
        while (i > 0 && closed[i - 1].Segment.Last + 1 == closed[i].Segment.First)
        {
            i--;
        }

        var first = closed[i].Segment;
        if (first.First > snapshot.Index + 1)
        {
            pastSnapshot = true;
            problems.Add(new Problem(
                ProblemKind.ClosedSegmentPastLastSnapshot,
                ProblemSeverity.Error,
                $"closed segment {first.Name} is past last snapshot {snapshot.Name} (entries {snapshot.Index + 1}..{first.First - 1} are missing)",
                first.Name));
        }

        return closed.Skip(i).Take(j - i + 1).ToList();
    }
}
