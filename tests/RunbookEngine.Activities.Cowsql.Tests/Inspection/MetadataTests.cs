using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>metadata1/metadata2 rules of raft's uvMetadataLoad (reference §2.2).</summary>
public sealed class MetadataTests
{
    [Fact]
    public void The_higher_version_wins_whichever_file_holds_it()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Metadata(1, version: 9, term: 5, votedFor: 7).Metadata(2, version: 10, term: 6, votedFor: 0);

        node.Inspect().Metadata.ShouldBe(new RaftMetadata("metadata2", 10, 6, 0));
    }

    [Fact]
    public void Equal_versions_are_an_error()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Metadata(1, 4, 2).Metadata(2, 4, 3);

        var problem = node.Inspect().Problems.ShouldHaveSingleItem();
        (problem.Kind, problem.Severity, problem.Message).ShouldBe(
            (ProblemKind.MetadataSameVersion, ProblemSeverity.Error, "metadata1 and metadata2 are both at version 4"));
    }

    [Fact]
    public void Node_with_data_and_no_metadata_files_is_reported()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        File.Delete(node.PathOf("metadata1"));
        node.Yaml(NodeDirectoryBuilder.Node2, NodeDirectoryBuilder.Node1, NodeDirectoryBuilder.Node2);

        var report = node.Inspect();

        report.Metadata.ShouldBeNull();
        report.Problems.ShouldHaveSingleItem().Kind.ShouldBe(ProblemKind.MetadataMissing);
    }

    [Fact]
    public void Brand_new_node_without_data_needs_no_metadata()
    {
        using var node = new NodeDirectoryBuilder().Yaml(NodeDirectoryBuilder.Node2, NodeDirectoryBuilder.Node2);

        var report = node.Inspect();

        (report.Metadata, report.LastIndex, report.FirstIndex).ShouldBe(((RaftMetadata?)null, 0UL, (ulong?)null));
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Both_files_invalid_leaves_no_metadata_and_two_errors()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File("metadata1", RaftBytes.Metadata(1, 1, 0, format: 2));
        node.File("metadata2", [.. RaftBytes.Metadata(2, 1, 0), 0]);

        var report = node.Inspect();

        report.Metadata.ShouldBeNull();
        report.Problems.Where(p => p.Kind == ProblemKind.MetadataInvalid).Select(p => (p.File, p.Severity, p.Message)).ShouldBe(
        [
            ("metadata1", ProblemSeverity.Error, "load metadata1: bad format version"),
            ("metadata2", ProblemSeverity.Error, "metadata2 has size 33 instead of 32"),
        ]);
    }

    [Fact]
    public void Version_zero_is_an_error()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.File("metadata1", RaftBytes.Metadata(0, 1, 0));

        node.Inspect().Problems.ShouldContain(p => p.Kind == ProblemKind.MetadataInvalid && p.Message == "load metadata1: version is set to zero");
    }

    [Fact]
    public void Short_file_is_an_interrupted_write_and_the_other_file_is_used()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        node.Metadata(1, 3, 2).File("metadata2", RaftBytes.Metadata(4, 3, 0)[..20]);

        var report = node.Inspect();

        report.Metadata.ShouldBe(new RaftMetadata("metadata1", 3, 2, 0));
        var problem = report.Problems.ShouldHaveSingleItem();
        (problem.Kind, problem.Severity, problem.File).ShouldBe((ProblemKind.MetadataInvalid, ProblemSeverity.Warning, "metadata2"));
    }

    [Theory]
    [InlineData(RaftFormat.GoDqliteBootstrapId)]
    [InlineData(RaftFormat.LegacyBootstrapId)]
    public void Bootstrap_node_without_metadata_is_an_error(ulong id)
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        File.Delete(node.PathOf("metadata1"));
        var self = new ClusterMember(id, "127.0.0.1:9001", MemberRole.Voter);
        node.Yaml(self, self);

        var problem = node.Inspect().Problems.Single(p => p.Kind == ProblemKind.BootstrapNodeWithoutMetadata);

        problem.Severity.ShouldBe(ProblemSeverity.Error);
        problem.Message.ShouldContain("raft_bootstrap");
    }
}
