namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// A node with log or snapshot data but no usable metadata starts at term 0 with no vote, so it
/// may vote twice in a term it already voted in. The bootstrap node is worse: dqlite sees term 0
/// and runs raft_bootstrap again, writing a fresh one-entry log beside the old one (reference
/// §5.3: "Error: start node: raft_bootstrap(): " or "unexpected closed segment
/// 0000000000000001-0000000000000001: first index should have been 107" on every start).
/// </summary>
internal static class MetadataChecks
{
    public static void Report(RaftMetadata? metadata, NodeListing listing, bool hasData, ClusterMember? info, List<Problem> problems)
    {
        if (metadata is not null || !hasData)
        {
            return;
        }

        var anyFile = listing.Find("metadata1") is not null || listing.Find("metadata2") is not null;
        if (!anyFile)
        {
            problems.Add(new Problem(
                ProblemKind.MetadataMissing,
                ProblemSeverity.Warning,
                "neither metadata1 nor metadata2 exists although the node has raft data: it would start at term 0 with no vote",
                null));
        }

        if (info is not null && info.Id is RaftFormat.GoDqliteBootstrapId or RaftFormat.LegacyBootstrapId)
        {
            problems.Add(new Problem(
                ProblemKind.BootstrapNodeWithoutMetadata,
                ProblemSeverity.Error,
                $"node {info.Id} ({info.Address}) is the bootstrap node and has raft data but no usable metadata: dqlite would run raft_bootstrap again and the node fails to start",
                "info.yaml"));
        }
    }
}
