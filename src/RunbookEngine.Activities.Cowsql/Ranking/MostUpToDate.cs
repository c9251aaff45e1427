using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Ranking;

/// <summary>
/// Ranks nodes by raft's own up-to-date rule, the one a voter applies before granting its vote
/// (canonical/raft v0.15.0 src/election.c; Raft paper §5.4.1): the higher last log term wins; with
/// equal terms the higher last index wins. Current term and vote do not count. This replaces the
/// cowsql doc's A.3 ("highest N-N index after .reconfigure"), which ignores terms and picks an old
/// leader's uncommitted tail (reference §3.3). Among tied nodes the winner is the first one whose
/// directory raft would accept, else the first one, in input order.
/// </summary>
internal static class MostUpToDate
{
    public static RankingResult Rank(IEnumerable<NodeReport> nodes)
    {
        var ordered = nodes
            .OrderByDescending(n => n.LastTerm)
            .ThenByDescending(n => n.LastIndex)
            .ToList();
        if (ordered.Count == 0)
        {
            return new RankingResult(null, [], []);
        }

        var best = ordered.Where(n => SameLog(n, ordered[0])).ToList();
        var winner = best.FirstOrDefault(n => !n.HasErrors) ?? best[0];
        var rows = new List<NodeRanking>(ordered.Count);
        var rank = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == 0 || !SameLog(ordered[i], ordered[i - 1]))
            {
                rank++;
            }

            rows.Add(Row(rank, ordered[i], winner));
        }

        rows = rows.OrderBy(r => r.Rank).ThenByDescending(r => r.IsWinner).ToList();
        return new RankingResult(rows.First(r => r.IsWinner), rows.Where(r => r.Rank == 1).ToList(), rows);
    }

    private static bool SameLog(NodeReport a, NodeReport b) => a.LastTerm == b.LastTerm && a.LastIndex == b.LastIndex;

    private static NodeRanking Row(int rank, NodeReport node, NodeReport winner)
    {
        var match = ReferenceEquals(node, winner) ? node.LastIndex : LogAgreement.MatchIndex(node, winner);
        var lost = match is null ? (ulong?)null : node.LastIndex > match ? node.LastIndex - match.Value : 0;
        return new NodeRanking(
            rank,
            node,
            node.Info?.Id,
            node.Info?.Address,
            node.LastTerm,
            node.LastIndex,
            node.LatestSnapshot?.Index,
            match,
            lost,
            ReferenceEquals(node, winner));
    }
}
