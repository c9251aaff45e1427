using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Ranking;

/// <summary>
/// Where two logs stop agreeing, from terms alone. raft's Log Matching property (Raft paper §5.3,
/// "if two logs contain an entry with the same index and term, then the logs are identical in all
/// entries up through the given index") makes the highest index with the same known term on both
/// nodes a safe agreement point. Known terms: each entry's term, and a snapshot's (index, term).
/// </summary>
internal static class LogAgreement
{
    public static ulong? MatchIndex(NodeReport node, NodeReport other)
    {
        if (node.LastIndex == 0 || other.LastIndex == 0)
        {
            return 0;
        }

        ulong? match = null;
        foreach (var a in KnownTerms(node))
        {
            foreach (var b in KnownTerms(other))
            {
                var low = Math.Max(a.FirstIndex, b.FirstIndex);
                var high = Math.Min(a.LastIndex, b.LastIndex);
                if (a.Term == b.Term && low <= high && (match is null || high > match))
                {
                    match = high;
                }
            }
        }

        return match;
    }

    private static IEnumerable<TermRun> KnownTerms(NodeReport node)
    {
        if (node.LatestSnapshot is { } snapshot)
        {
            yield return new TermRun(snapshot.Index, snapshot.Index, snapshot.Term);
        }

        foreach (var run in node.Terms)
        {
            yield return run;
        }
    }
}
