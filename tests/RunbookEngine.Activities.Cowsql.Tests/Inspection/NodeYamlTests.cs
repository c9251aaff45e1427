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
    [InlineData("info.yaml", "Address: !!b]inary 127.0.0.1:9001\nID: 4\nRole: 0\n")] // YamlDotNet throws ArgumentException
    [InlineData("cluster.yaml", "- [Address: 127.0.0.1:9001\nID: 4\n")] // and InvalidOperationException here
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

    // What go-dqlite writes (fixtures, make-node.sh), plus value shapes the layout reader accepts.
    [Theory]
    [InlineData("Address: 127.0.0.1:9471\nID: 3297041220608546238\nRole: 0\n")]
    [InlineData("Address: node-1.example_2:9001\nID: 18446744073709551615\nRole: 2\n")]
    [InlineData("Address: h\nID: 007\nRole: 01\n")]
    public void Layout_reader_agrees_with_yamldotnet_on_info(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var problems = new List<Problem>();

        var fast = DqliteYamlLayout.TryReadMember(bytes);

        fast.ShouldNotBeNull();
        fast.ShouldBe(NodeYamlReader.ReadInfo(bytes, "info.yaml", problems, layout: false));
        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("- Address: 127.0.0.1:9471\n  ID: 3297041220608546238\n  Role: 0\n- Address: 127.0.0.1:9472\n  ID: 14718973442495529404\n  Role: 2\n")]
    [InlineData("- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 1\n")]
    public void Layout_reader_agrees_with_yamldotnet_on_cluster(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var problems = new List<Problem>();

        var fast = DqliteYamlLayout.TryReadMembers(bytes);

        fast.ShouldNotBeNull();
        fast.ShouldBe(NodeYamlReader.ReadCluster(bytes, "cluster.yaml", problems, layout: false));
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Layout_reader_reads_every_fixture()
    {
        var files = Directory.EnumerateFiles(Fixtures.Root, "*.yaml", SearchOption.AllDirectories).ToList();
        files.Count.ShouldBeGreaterThan(4);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var problems = new List<Problem>();
            if (Path.GetFileName(file) == "info.yaml")
            {
                DqliteYamlLayout.TryReadMember(bytes).ShouldBe(NodeYamlReader.ReadInfo(bytes, "info.yaml", problems, layout: false), file);
            }
            else
            {
                DqliteYamlLayout.TryReadMembers(bytes).ShouldBe(NodeYamlReader.ReadCluster(bytes, "cluster.yaml", problems, layout: false), file);
            }

            problems.ShouldBeEmpty();
        }
    }

    // Anything else is left to YamlDotNet, including texts YAML reads the same way (comments,
    // quotes, another key order) and texts it reads differently or refuses.
    [Theory]
    [InlineData("")]
    [InlineData("Address: 127.0.0.1:9001\nID: 1\nRole: 0")]                    // no final newline
    [InlineData("Address: 127.0.0.1:9001\r\nID: 1\r\nRole: 0\r\n")]
    [InlineData("Address: 127.0.0.1:9001 \nID: 1\nRole: 0\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: 1\nRole: 0\n# comment\n")]
    [InlineData("Address: 127.0.0.1:9001 # comment\nID: 1\nRole: 0\n")]
    [InlineData("Address: '127.0.0.1:9001'\nID: 1\nRole: 0\n")]
    [InlineData("Address: \"[::1]:9001\"\nID: 1\nRole: 0\n")]
    [InlineData("Address: [::1]:9001\nID: 1\nRole: 0\n")]
    [InlineData("Address: host:\nID: 1\nRole: 0\n")]
    [InlineData("Address: -host\nID: 1\nRole: 0\n")]
    [InlineData("Address: &a host\nID: 1\nRole: 0\n")]
    [InlineData("Address:  host\nID: 1\nRole: 0\n")]
    [InlineData("Address:\nID: 1\nRole: 0\n")]
    [InlineData("ID: 1\nAddress: 127.0.0.1:9001\nRole: 0\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: 1\nRole: 0\nExtra: 1\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: 1\nRole: 0\nRole: 1\n")]
    [InlineData("---\nAddress: 127.0.0.1:9001\nID: 1\nRole: 0\n")]
    [InlineData("\uFEFFAddress: 127.0.0.1:9001\nID: 1\nRole: 0\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: -1\nRole: 0\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: 18446744073709551616\nRole: 0\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: 1\nRole: 3\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: 0x10\nRole: 0\n")]
    [InlineData("Address: hóst\nID: 1\nRole: 0\n")]
    public void Layout_reader_declines_anything_but_go_dqlites_layout(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);

        DqliteYamlLayout.TryReadMember(bytes).ShouldBeNull();
        DqliteYamlLayout.TryReadMembers(bytes).ShouldBeNull();
        DqliteYamlLayout.TryReadMembers(System.Text.Encoding.UTF8.GetBytes("- " + text.Replace("\n", "\n  ", StringComparison.Ordinal))).ShouldBeNull();
    }

    [Theory]
    [InlineData("[]\n")]
    [InlineData("- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n-  Address: 127.0.0.1:9002\n  ID: 2\n  Role: 0\n")]
    [InlineData("- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n- Address: 127.0.0.1:9002\n   ID: 2\n  Role: 0\n")]
    [InlineData("- Address: 127.0.0.1:9001\n  ID: 1\n  Role: 0\n\n")]
    [InlineData("Address: 127.0.0.1:9001\nID: 1\nRole: 0\n")]
    public void Layout_reader_declines_other_cluster_layouts(string text) =>
        DqliteYamlLayout.TryReadMembers(System.Text.Encoding.UTF8.GetBytes(text)).ShouldBeNull();

    [Fact]
    public void Declined_files_are_still_read_by_yamldotnet()
    {
        using var node = new NodeDirectoryBuilder().Bootstrapped()
            .Text("info.yaml", "# written by hand\nRole: 0\nID: 1\nAddress: \"127.0.0.1:9001\"\n")
            .Text("cluster.yaml", "- {Address: 127.0.0.1:9001, ID: 1, Role: 0}\n");

        var report = node.Inspect();

        report.Info.ShouldBe(new ClusterMember(1, "127.0.0.1:9001", MemberRole.Voter));
        report.Cluster.ShouldBe([new ClusterMember(1, "127.0.0.1:9001", MemberRole.Voter)]);
        report.Problems.ShouldBeEmpty();
    }
}
