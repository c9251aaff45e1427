using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>
/// Fixtures/single-snapshot, past-last-snapshot and torn-open-truncated: one dqlite-demo node after
/// 1040 PUTs (snapshot at index 1024), see Fixtures/README.md. Values from Fixtures/crosscheck.txt.
/// </summary>
public sealed class SnapshotFixtureTests
{
    private const string SnapshotName = "snapshot-1-1024-3718192";

    [Fact]
    public void Snapshot_then_two_closed_segments_then_an_open_one()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("single-snapshot", 1));

        report.LatestSnapshot.ShouldBe(report.Snapshots.Single());
        var snapshot = report.LatestSnapshot!;
        (snapshot.Name, snapshot.Term, snapshot.Index, snapshot.Timestamp, snapshot.DataSize, snapshot.IsCompressed)
            .ShouldBe((SnapshotName, 1UL, 1024UL, 3718192UL, 32511L, true)); // raft: "restore snapshot with last index 1024 and last term 1"
        (report.FirstIndex, report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe((1025UL, 1044UL, 1UL, 20L)); // raft: "start index 1025, 20 entries"
        report.Segments.Single(s => s.Name == "open-1").ShouldSatisfyAllConditions(
            s => (s.FirstIndex, s.LastIndex).ShouldBe((1041UL, 1044UL)), // raft: "finalize open-1 into 0000000000001041-0000000000001044"
            s => s.ValidBytes.ShouldBe(33128));
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Configuration_comes_from_the_snapshot_meta_when_the_log_has_none()
    {
        var configuration = NodeInspector.Inspect(Fixtures.Node("single-snapshot", 1)).Configuration!;

        configuration.Source.ShouldBe(ConfigurationSource.SnapshotMeta);
        configuration.File.ShouldBe(SnapshotName + ".meta");
        configuration.Index.ShouldBe(1UL);
        configuration.Members.ShouldBe([new ClusterMember(RaftFormat.GoDqliteBootstrapId, "127.0.0.1:9471", MemberRole.Voter)]);
    }

    [Fact]
    public void Missing_segment_after_the_snapshot_is_raft_s_past_last_snapshot_error()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("past-last-snapshot", 1));

        var problem = report.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(ProblemKind.ClosedSegmentPastLastSnapshot);
        problem.Severity.ShouldBe(ProblemSeverity.Error);
        problem.File.ShouldBe("0000000000001035-0000000000001040");

        // dqlite-demo: "Error: start node: raft_start(): io: closed segment ... is past last snapshot ..."
        problem.Message.ShouldStartWith($"closed segment 0000000000001035-0000000000001040 is past last snapshot {SnapshotName}");
        (report.FirstIndex, report.LastIndex, report.LastTerm, report.EntryCount).ShouldBe(((ulong?)null, 1024UL, 1UL, 0L));
        report.Segments.ShouldHaveSingleItem().ShouldSatisfyAllConditions(s => s.InLog.ShouldBeFalse(), s => s.EntryCount.ShouldBe(6));
    }

    [Fact]
    public void Open_segment_cut_inside_a_batch_is_torn_and_an_error()
    {
        var report = NodeInspector.Inspect(Fixtures.Node("torn-open-truncated", 1));

        var problem = report.Problems.ShouldHaveSingleItem();
        (problem.Kind, problem.Severity, problem.File).ShouldBe((ProblemKind.OpenSegmentTorn, ProblemSeverity.Error, "open-1"));
        problem.Message.ShouldContain("entries batch 4 starting at byte 24848");
        (report.LastIndex, report.EntryCount).ShouldBe((1043UL, 19L));
        report.Segments.Single(s => s.Name == "open-1").ShouldSatisfyAllConditions(
            s => s.EntryCount.ShouldBe(3),
            s => s.ValidBytes.ShouldBe(24848),
            s => s.FileSize.ShouldBe(33028));
    }
}
