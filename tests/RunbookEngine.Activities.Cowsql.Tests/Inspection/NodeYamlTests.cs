using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;

namespace RunbookEngine.Activities.Cowsql.Tests.Inspection;

/// <summary>info.yaml and cluster.yaml as go-dqlite writes them (cowsql seed A.1, A.2; reference §2.7).</summary>
public sealed class NodeYamlTests
{
    [Fact]
    public void Seed_example_is_read_with_dqlite_role_codes()
    {
        // The cluster.yaml of the cowsql seed, A.1: roles 0 voter, 1 standby; plus a spare.
        using var node = new NodeDirectoryBuilder().Bootstrapped()
            .Text("info.yaml", "Address: 127.0.0.1:9001\nID: 1\nRole: 0\n")
            .Text("cluster.yaml", "- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n- Address: 127.0.0.1:9002\n  ID: 2\n  Role: 1\n- Address: 127.0.0.1:9003\n  ID: 3\n  Role: 2\n");

        var report = node.Inspect();

        report.Info.ShouldBe(new ClusterMember(1, "127.0.0.1:9001", MemberRole.Voter));
        report.Cluster.ShouldBe(
        [
            new ClusterMember(1, "127.0.0.1:9001", MemberRole.Voter),
            new ClusterMember(2, "127.0.0.1:9002", MemberRole.Standby),
            new ClusterMember(3, "127.0.0.1:9003", MemberRole.Spare),
        ]);
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Only_one_of_the_two_files_is_inconsistent()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped();
        File.Delete(node.PathOf("cluster.yaml"));

        var problem = node.Inspect().Problems.ShouldHaveSingleItem();

        (problem.Kind, problem.Severity, problem.File).ShouldBe((ProblemKind.YamlInconsistent, ProblemSeverity.Error, "info.yaml"));
    }

    [Theory]
    [InlineData("info.yaml", "Address: [unclosed\n")]
    [InlineData("info.yaml", "Address: 127.0.0.1:9001\nID: -4\nRole: 0\n")]
    [InlineData("info.yaml", "Address: 127.0.0.1:9001\nID: 4\nRole: 7\n")]
    [InlineData("cluster.yaml", "Address: 127.0.0.1:9001\nID: 4\nRole: 0\n")]
    [InlineData("cluster.yaml", "- - - - - - - - - - x\n")]
    public void Unreadable_or_misshapen_yaml_is_reported(string file, string text)
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped().Text(file, text);

        var problem = node.Inspect().Problems.ShouldHaveSingleItem();

        (problem.Kind, problem.File).ShouldBe((ProblemKind.YamlInvalid, file));
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_can_overflow_the_stack()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped().Text("info.yaml", new string('[', 200_000) + new string(']', 200_000));

        var problem = node.Inspect().Problems.ShouldHaveSingleItem();

        (problem.Kind, problem.File).ShouldBe((ProblemKind.YamlInvalid, "info.yaml"));
        problem.Message.ShouldContain("nested deeper than 8 levels");
    }
}
