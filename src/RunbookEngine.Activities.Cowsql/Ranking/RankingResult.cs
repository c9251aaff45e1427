namespace RunbookEngine.Activities.Cowsql.Ranking;

/// <summary>
/// The outcome of <see cref="MostUpToDate.Rank"/>: every node's row, best first, and the winner.
/// When several nodes share the best (last term, last index), <see cref="IsTie"/> is set and
/// <see cref="Leaders"/> lists them all; the winner is then one of them (see MostUpToDate).
/// </summary>
internal sealed record RankingResult(NodeRanking? Winner, IReadOnlyList<NodeRanking> Leaders, IReadOnlyList<NodeRanking> Rows)
{
    public bool IsTie => Leaders.Count > 1;
}
