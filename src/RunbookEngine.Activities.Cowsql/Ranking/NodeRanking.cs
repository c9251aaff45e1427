using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Ranking;

/// <summary>
/// One row of the ranking table. <see cref="Rank"/> 1 is the most up-to-date; equal logs share a
/// rank. <see cref="MatchIndex"/> is the last index where this node's log provably agrees with the
/// winner's, and <see cref="EntriesLost"/> the entries after it that this node would give up if the
/// winner's log were kept (both null when no index has a known term on both nodes).
/// </summary>
internal sealed record NodeRanking(
    int Rank,
    NodeReport Node,
    ulong? Id,
    string? Address,
    ulong LastTerm,
    ulong LastIndex,
    ulong? SnapshotIndex,
    ulong? MatchIndex,
    ulong? EntriesLost,
    bool IsWinner)
{
    /// <summary>raft or dqlite would refuse this directory as it is (see the node's problems).</summary>
    public bool HasErrors => Node.HasErrors;
}
