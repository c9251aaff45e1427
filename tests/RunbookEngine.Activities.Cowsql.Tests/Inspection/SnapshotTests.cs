using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;
using static RunbookEngine.Activities.Cowsql.Tests.TestSupport.NodeDirectoryBuilder;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>Snapshot pairing and selection (reference §2.6).</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Latest_is_chosen_by_term_then_index_then_timestamp()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 3);
        node.Snapshot(2, 9000, 100, 1, Node1).Snapshot(3, 8000, 50, 1, Node1).Snapshot(3, 8000, 60, 1, Node1);

        var report = node.Inspect();

        report.LatestSnapshot!.Name.ShouldBe("snapshot-3-8000-60");
        report.Snapshots.Select(s => s.Name).ShouldBe(["snapshot-2-9000-100", "snapshot-3-8000-50", "snapshot-3-8000-60"]);
        (report.LastIndex, report.LastTerm).ShouldBe((8000UL, 3UL));
    }

    [Fact]
    public void Data_file_without_meta_and_meta_without_data_are_orphans()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped().Snapshot(1, 1, 100, 1, Node1);
        node.File("snapshot-1-5-200", [1, 2, 3]);
        node.File("snapshot-1-6-300.meta", RaftBytes.SnapshotMeta(1, RaftBytes.Configuration(Node1)));

        var report = node.Inspect();

        report.Problems.Select(p => (p.Kind, p.Severity, p.File)).ShouldBe(
        [
            (ProblemKind.OrphanSnapshotFile, ProblemSeverity.Warning, "snapshot-1-5-200"),
            (ProblemKind.OrphanSnapshotFile, ProblemSeverity.Warning, "snapshot-1-6-300.meta"),
        ]);
        report.LatestSnapshot!.Name.ShouldBe("snapshot-1-1-100");
        report.Snapshots.Single(s => s.Index == 5).ShouldSatisfyAllConditions(s => s.HasData.ShouldBeTrue(), s => s.HasMeta.ShouldBeFalse());
    }

    [Fact]
    public void Empty_data_file_is_skipped_and_the_previous_snapshot_is_used()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 4).Snapshot(2, 100, 1, 1, Node1).Snapshot(4, 200, 2, 1, Node1);
        node.File("snapshot-4-200-2", []);

        var report = node.Inspect();

        report.Problems.ShouldHaveSingleItem().Kind.ShouldBe(ProblemKind.SnapshotEmpty);
        report.LatestSnapshot!.Index.ShouldBe(100UL);
    }

    [Fact]
    public void Bad_meta_of_the_latest_snapshot_is_an_error()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 1).Snapshot(1, 100, 1, 1, Node1);
        var meta = File.ReadAllBytes(node.PathOf("snapshot-1-100-1.meta"));
        meta[^8] ^= 0x01;
        node.File("snapshot-1-100-1.meta", meta);

        var report = node.Inspect();

        var problem = report.Problems.ShouldHaveSingleItem();
        (problem.Kind, problem.Severity).ShouldBe((ProblemKind.SnapshotMetaInvalid, ProblemSeverity.Error));
        problem.Message.ShouldContain("checksum mismatch");
        report.Configuration.ShouldBeNull();
    }

    [Fact]
    public void Bad_meta_of_an_older_snapshot_is_only_a_warning()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 1).Snapshot(1, 100, 1, 1, Node1).Snapshot(1, 200, 2, 1, Node1);
        node.File("snapshot-1-100-1.meta", [1, 0, 0, 0, 0, 0, 0, 0]);

        node.Inspect().Problems.ShouldHaveSingleItem().Severity.ShouldBe(ProblemSeverity.Warning);
    }

    [Fact]
    public void Meta_configuration_gives_members_and_their_raft_roles()
    {
        using var node = new NodeDirectoryBuilder().Metadata(1, 1, 1).Snapshot(1, 100, 1, 7, Node1, Node2, Node3);

        var configuration = node.Inspect().LatestSnapshot!.Configuration!;

        (configuration.Index, configuration.Source).ShouldBe((7UL, ConfigurationSource.SnapshotMeta));
        configuration.Members.ShouldBe([Node1, Node2, Node3]);
    }
}
