using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>
/// Fixtures/three-node-killed: a 3-node dqlite-demo cluster, 20 PUTs, node3 SIGKILLed after the
/// 10th, nodes 1 and 2 SIGKILLed at the end. Expected values are raft's own, from
/// Fixtures/crosscheck.txt (.reconfigure traces and start-up traces).
/// </summary>
public sealed class ThreeNodeKilledTests
{
    private const ulong Node2Id = 14718973442495529404;
    private const ulong Node3Id = 11384392727021595154;

    [Fact]
    public void Node1_log_is_the_bootstrap_segment_plus_25_entries_in_open_1()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("three-node-killed", 1));

        report.Metadata.ShouldBe(new RaftMetadata("metadata1", 1, 1, 0));
        (report.FirstIndex, report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe((1UL, 26UL, 1UL, 26L)); // .reconfigure created ...0027-...0027
        report.Terms.ShouldBe([new TermRun(1, 26, 1)]);
        report.Segments.Select(s => (s.Name, s.FirstIndex, s.LastIndex, s.EntryCount, s.InLog)).ShouldBe(
        [
            ("0000000000000001-0000000000000001", 1UL, 1UL, 1L, true),
            ("open-1", 2UL, 26UL, 25L, true),   // raft: "finalize open-1 into 0000000000000002-0000000000000026"
            ("open-2", 0UL, 0UL, 0L, false),    // raft: "remove zeroed open segment open-2"
            ("open-3", 0UL, 0UL, 0L, false),
        ]);
        report.Segments[1].ValidBytes.ShouldBe(178448); // raft: "truncate open segment open-1 at 178448 (batch 26)"
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Node1_configuration_is_the_three_voters_raft_restores()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("three-node-killed", 1));

        report.Configuration!.Index.ShouldBe(6UL);
        report.Configuration.Source.ShouldBe(ConfigurationSource.Log);
        report.Configuration.Members.ShouldBe(
        [
            new ClusterMember(RaftFormat.GoDqliteBootstrapId, "127.0.0.1:9471", MemberRole.Voter),
            new ClusterMember(Node2Id, "127.0.0.1:9472", MemberRole.Voter),
            new ClusterMember(Node3Id, "127.0.0.1:9473", MemberRole.Voter),
        ]);
        report.Info.ShouldBe(new ClusterMember(RaftFormat.GoDqliteBootstrapId, "127.0.0.1:9471", MemberRole.Voter));
        report.Cluster!.Count.ShouldBe(1); // go-dqlite had not refreshed the bootstrap node's cluster.yaml
    }

    [Fact]
    public void Node2_has_every_entry_in_open_1_in_fewer_batches()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("three-node-killed", 2));

        (report.FirstIndex, report.LastIndex, report.LastTerm).ShouldBe((1UL, 26UL, 1UL));
        var open = report.Segments[0];
        (open.Name, open.FirstIndex, open.LastIndex, open.EntryCount, open.BatchCount, open.ValidBytes)
            .ShouldBe(("open-1", 1UL, 26UL, 26L, 22, 178456L)); // raft: "truncate open segment open-1 at 178456 (batch 23)"
        report.Cluster.ShouldBe(
        [
            new ClusterMember(RaftFormat.GoDqliteBootstrapId, "127.0.0.1:9471", MemberRole.Voter),
            new ClusterMember(Node2Id, "127.0.0.1:9472", MemberRole.Spare), // stale: written while joining
        ]);
    }

    [Fact]
    public void Node3_lags_at_index_16()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("three-node-killed", 3));

        (report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe((16UL, 1UL, 16L)); // .reconfigure created ...0017-...0017
        report.Segments[0].ValidBytes.ShouldBe(95672); // raft: "truncate open segment open-1 at 95672 (batch 14)"
        report.Info!.Id.ShouldBe(Node3Id);
        report.Problems.ShouldBeEmpty();
    }
}
