using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Activities;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Cowsql.Tests.TestSupport;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Tests.Activities;

/// <summary>The activities that change node directories, on copies of the real fixtures, plus the shell's output parsers.</summary>
public sealed class CowsqlOperationTests
{
    private static IActivity Get(string name) => CowsqlActivities.Create().Single(a => a.Name == name);

    private static ActivityContext Context() => new() { RunId = "r", StepPath = "s", WorkingDirectory = Fixtures.Root };

    private static Task<IReadOnlyDictionary<string, object?>> Run(string activity, Dictionary<string, object?> inputs) =>
        Get(activity).ExecuteAsync(inputs, Context(), CancellationToken.None);

    private static List<object?> Cluster(params (string Address, string Id, long Role)[] nodes) =>
        nodes.Select(n => (object?)new Dictionary<string, object?> { ["address"] = n.Address, ["id"] = n.Id, ["role"] = n.Role, ["api"] = "ignored:1" }).ToList();

    [Fact]
    public async Task Write_config_writes_go_dqlite_yaml_that_the_inspector_reads_back_and_is_idempotent()
    {
        using var dir = new NodeDirectoryBuilder();
        var inputs = new Dictionary<string, object?>
        {
            ["dataDirectory"] = dir.Path,
            ["address"] = "127.0.0.1:9002",
            ["cluster"] = Cluster(("127.0.0.1:9001", "3297041220608546238", 0), ("127.0.0.1:9002", "18446744073709551615", 1)),
        };

        var first = await Run("cowsql.write-config", inputs);
        var second = await Run("cowsql.write-config", inputs);

        first["clusterChanged"].ShouldBe(true);
        second["clusterChanged"].ShouldBe(false);
        second["infoChanged"].ShouldBe(false);
        File.ReadAllText(Path.Combine(dir.Path, "info.yaml")).ShouldBe("Address: 127.0.0.1:9002\nID: 18446744073709551615\nRole: 1\n");
        var report = NodeInspector.Inspect(dir.Path);
        report.Info.ShouldBe(new ClusterMember(ulong.MaxValue, "127.0.0.1:9002", MemberRole.Standby));
        report.Cluster!.Select(m => m.Address).ShouldBe(["127.0.0.1:9001", "127.0.0.1:9002"]);
        report.Problems.ShouldNotContain(p => p.Kind == ProblemKind.YamlInvalid || p.Kind == ProblemKind.YamlInconsistent);

        // Ids above 2^63 reach later steps intact, as text.
        (await Run("cowsql.inspect", new() { ["dataDirectory"] = dir.Path }))["id"].ShouldBe("18446744073709551615");
    }

    [Theory]
    [InlineData("127.0.0.1:9001", "1", 0, "127.0.0.1:9001", "1", 0, "listed 2 times")]
    [InlineData("127.0.0.1:9001", "1", 1, "127.0.0.1:9002", "2", 2, "no node is a voter")]
    [InlineData("not an address", "1", 0, "127.0.0.1:9002", "2", 0, "is not host:port")]
    [InlineData("127.0.0.1:9001", "x1", 0, "127.0.0.1:9002", "2", 0, "is not a decimal number")]
    [InlineData("127.0.0.1:9001", "1", 3, "127.0.0.1:9002", "2", 0, "role 3")]
    public async Task Write_config_refuses_a_configuration_raft_could_not_use(string a1, string i1, long r1, string a2, string i2, long r2, string expected)
    {
        using var dir = new NodeDirectoryBuilder();
        var error = await Should.ThrowAsync<ActivityInputException>(() => Run("cowsql.write-config", new()
        {
            ["dataDirectory"] = dir.Path,
            ["address"] = a1,
            ["cluster"] = Cluster((a1, i1, r1), (a2, i2, r2)),
        }));

        error.Message.ShouldContain(expected);
        Directory.EnumerateFiles(dir.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_config_stops_a_bad_node_list_before_anything_is_written_and_counts_voters()
    {
        var good = await Run("cowsql.check-config", new() { ["cluster"] = Cluster(("127.0.0.1:9001", "1", 0), ("127.0.0.1:9002", "2", 1)) });
        var bad = await Should.ThrowAsync<ActivityFailure>(() => Run("cowsql.check-config", new() { ["cluster"] = Cluster(("127.0.0.1:9001", "1", 0), ("127.0.0.1:9002", "1", 0)) }));

        good["voters"].ShouldBe(1L);
        bad.ErrorType.ShouldBe("cowsql.config-invalid");
        bad.Retryable.ShouldBeFalse();
        bad.Message.ShouldContain("id 1 is listed 2 times");
    }

    [Fact]
    public async Task Replace_data_gives_a_new_node_the_source_log_and_fresh_metadata_with_the_given_term()
    {
        using var target = new NodeDirectoryBuilder();
        var source = Fixtures.Node("term-divergence", 2);
        var expected = NodeInspector.Inspect(source);

        var outputs = await Run("cowsql.replace-data", new() { ["dataDirectory"] = target.Path, ["source"] = source, ["term"] = 7L });

        outputs["wroteMetadata"].ShouldBe(true);
        outputs["lastIndex"].ShouldBe((long)expected.LastIndex);
        var report = NodeInspector.Inspect(target.Path);
        report.HasErrors.ShouldBeFalse();
        (report.LastTerm, report.LastIndex).ShouldBe((expected.LastTerm, expected.LastIndex));
        report.Metadata!.Term.ShouldBe(7UL);
        report.Metadata.VotedFor.ShouldBe(0UL);
        File.Exists(Path.Combine(target.Path, "info.yaml")).ShouldBeFalse("yaml files are the node's own, never copied");
    }

    [Fact]
    public async Task Replace_data_keeps_the_node_own_metadata_and_removes_its_old_segments()
    {
        using var target = Fixtures.CopyOf("term-divergence", 1);
        var metadata = File.ReadAllBytes(Path.Combine(target.Path, "metadata1"));
        var source = Fixtures.Node("term-divergence", 2);

        var plan = await Get("cowsql.replace-data").PlanAsync(new Dictionary<string, object?> { ["dataDirectory"] = target.Path, ["source"] = source }, Context(), CancellationToken.None);
        var outputs = await Run("cowsql.replace-data", new() { ["dataDirectory"] = target.Path, ["source"] = source });

        // node1 has the longer log (13) but an older last term: the plan names the entries it gives up.
        plan.Risks.ShouldContain(r => r.Severity == RiskSeverity.Medium && r.Text.Contains("entries (indexes", StringComparison.Ordinal) && r.Text.Contains("–13)", StringComparison.Ordinal));
        plan.Effects.Count(e => e.Kind == EffectKind.Delete).ShouldBe((int)(long)outputs["removed"]!);
        outputs["wroteMetadata"].ShouldBe(false);
        File.ReadAllBytes(Path.Combine(target.Path, "metadata1")).ShouldBe(metadata);
        Directory.EnumerateFiles(target.Path).Select(Path.GetFileName).Where(n => n!.StartsWith("open-", StringComparison.Ordinal))
            .ShouldBe(Directory.EnumerateFiles(source).Select(Path.GetFileName).Where(n => n!.StartsWith("open-", StringComparison.Ordinal)), ignoreOrder: true);
        NodeInspector.Inspect(target.Path).LastTerm.ShouldBe(2UL);
    }

    [Fact]
    public async Task Replace_data_refuses_a_broken_source_and_the_node_itself()
    {
        using var target = new NodeDirectoryBuilder();

        var broken = await Should.ThrowAsync<ActivityFailure>(() => Run("cowsql.replace-data", new() { ["dataDirectory"] = target.Path, ["source"] = Fixtures.Node("past-last-snapshot", 1) }));
        var itself = await Should.ThrowAsync<ActivityInputException>(() => Run("cowsql.replace-data", new() { ["dataDirectory"] = target.Path, ["source"] = target.Path }));

        broken.ErrorType.ShouldBe("cowsql.source-broken");
        itself.Message.ShouldContain("is the node directory itself");
        Directory.EnumerateFiles(target.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Drop_segments_plans_exactly_the_lost_entries_deletes_only_those_files_and_is_a_no_op_afterwards()
    {
        using var node = Fixtures.CopyOf("past-last-snapshot", 1);
        var activity = Get("cowsql.drop-segments-past-snapshot");
        var inputs = new Dictionary<string, object?> { ["dataDirectory"] = node.Path };

        var plan = await activity.PlanAsync(inputs, Context(), CancellationToken.None);
        var before = Directory.EnumerateFiles(node.Path).Select(Path.GetFileName).ToList();
        var outputs = await activity.ExecuteAsync(inputs, Context(), CancellationToken.None);
        var again = await activity.ExecuteAsync(inputs, Context(), CancellationToken.None);

        // Fixture: snapshot at 1024, segment 1025-1034 missing, 1035-1040 left: raft refuses to start.
        plan.Summary.ShouldContain("entries 1025–1034 were already missing");
        plan.Summary.ShouldContain("entries 1035–1040 (6) are deleted with 1 segment file");
        plan.Effects.ShouldHaveSingleItem().Target.ShouldEndWith("0000000000001035-0000000000001040");
        outputs["dropped"].ShouldBe(new List<object?> { "0000000000001035-0000000000001040" });
        outputs["lastIndex"].ShouldBe(1024L);
        Directory.EnumerateFiles(node.Path).Select(Path.GetFileName).ShouldBe(before.Where(n => n != "0000000000001035-0000000000001040"), ignoreOrder: true);
        NodeInspector.Inspect(node.Path).HasErrors.ShouldBeFalse();
        again["dropped"].ShouldBe(new List<object?>());
    }

    [Fact]
    public void Drop_segments_also_drops_open_segments_that_would_be_renumbered()
    {
        using var node = Fixtures.CopyOf("past-last-snapshot", 1);
        File.Copy(Path.Combine(Fixtures.Node("single-snapshot", 1), "open-1"), Path.Combine(node.Path, "open-1"));

        var repair = PastSnapshotRepair.Plan(node.Path);

        repair.Dropped.Select(s => s.Name).ShouldBe(["0000000000001035-0000000000001040", "open-1"], ignoreOrder: true);
        repair.After.Problems.ShouldNotContain(p => p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void Metadata_written_for_a_new_node_reads_back_as_version_1_with_the_term_and_no_vote()
    {
        using var dir = new NodeDirectoryBuilder();
        File.WriteAllBytes(Path.Combine(dir.Path, "metadata1"), MetadataFile.Encode(42));

        var report = NodeInspector.Inspect(dir.Path);

        report.Metadata.ShouldNotBeNull();
        report.Metadata.Version.ShouldBe(1UL);
        report.Metadata.Term.ShouldBe(42UL);
        report.Metadata.VotedFor.ShouldBe(0UL);
    }

    [Fact]
    public void Shell_output_parsers_read_the_real_formats()
    {
        // Recorded from `dqlite -s 127.0.0.1:19001 -f json demo .cluster` (go-dqlite 1.11.5): tab-indented JSON, u64 ids.
        const string json = "[\n\t{\n\t\t\"ID\": 3297041220608546238,\n\t\t\"Address\": \"127.0.0.1:19001\",\n\t\t\"Role\": 0\n\t},\n\t{\n\t\t\"ID\": 16148839406839216733,\n\t\t\"Address\": \"127.0.0.1:19002\",\n\t\t\"Role\": 1\n\t}\n]\n";
        var members = CowsqlShell.ParseClusterJson(json);
        members.Select(m => (m.Address, m.Id, m.Role)).ShouldBe([("127.0.0.1:19001", "3297041220608546238", 0), ("127.0.0.1:19002", "16148839406839216733", 1)]);

        CowsqlShell.ParseRows("k1|v1\nk2|v2\n").Select(r => string.Join(",", r)).ShouldBe(["k1,v1", "k2,v2"]);
        CowsqlShell.FirstError("Error: no available dqlite leader server found\nUsage:\n  dqlite -s <servers> <database> [command] [flags]\n").ShouldBe("no available dqlite leader server found");
        Should.Throw<ActivityFailure>(() => CowsqlShell.ParseClusterJson("not json")).ErrorType.ShouldBe("cowsql.unexpected-output");
    }

    [Fact]
    public void Membership_check_names_every_difference()
    {
        var expect = new[] { new ClusterNode { Address = "a:1", Id = "1", Role = 0 }, new ClusterNode { Address = "b:2", Id = "", Role = 0 } };
        var actual = new[] { new ClusterNode { Address = "a:1", Id = "9", Role = 0 }, new ClusterNode { Address = "b:2", Id = "2", Role = 2 }, new ClusterNode { Address = "c:3", Id = "3", Role = 0 } };

        CowsqlCluster.Differences(expect, actual).ShouldBe(["a:1 has id 9, not 1", "b:2 is a backup, not a voter", "c:3 is a member but not expected"]);
        CowsqlCluster.Differences(expect, [actual[0] with { Id = "1" }, actual[1] with { Role = 0 }]).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("DELETE FROM model")]
    [InlineData("SELECT 1; DROP TABLE model")]
    [InlineData("INSERT INTO model VALUES ('a','b')")]
    public async Task Query_refuses_anything_but_one_select(string sql)
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => Run("cowsql.query", new() { ["servers"] = new List<object?> { "127.0.0.1:1" }, ["sql"] = sql }));

        error.Message.ShouldContain("single SELECT");
    }

    [Fact]
    public async Task Cluster_check_fails_fast_and_retryably_when_no_server_listens()
    {
        var error = await Should.ThrowAsync<ActivityFailure>(() => Run("cowsql.cluster", new() { ["servers"] = new List<object?> { "127.0.0.1:1" }, ["shell"] = "dqlite" }));

        error.ErrorType.ShouldBe("cowsql.no-leader");
        error.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task Reconfigure_refuses_paths_with_spaces_the_shell_would_split()
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => Run("cowsql.reconfigure", new() { ["dataDirectory"] = "/tmp/a b", ["clusterYaml"] = "/tmp/c.yaml" }));

        error.Message.ShouldContain("white space");
    }

    [Fact]
    public async Task Reconfigure_with_the_real_dqlite_shell_appends_the_entry_the_plan_predicted()
    {
        using var node = Fixtures.CopyOf("term-divergence", 2);
        using var yaml = new NodeDirectoryBuilder();
        await Run("cowsql.write-config", new()
        {
            ["dataDirectory"] = yaml.Path,
            ["address"] = "127.0.0.1:9001",
            ["cluster"] = Cluster(("127.0.0.1:9001", "3297041220608546238", 0)),
        });
        var inputs = new Dictionary<string, object?> { ["dataDirectory"] = node.Path, ["clusterYaml"] = Path.Combine(yaml.Path, "cluster.yaml"), ["shell"] = "dqlite" };
        var before = NodeInspector.Inspect(node.Path);

        var plan = await Get("cowsql.reconfigure").PlanAsync(inputs, Context(), CancellationToken.None);
        var outputs = await Run("cowsql.reconfigure", inputs);

        plan.Summary.ShouldContain($"appends index {before.LastIndex + 1}");
        outputs["index"].ShouldBe((long)before.LastIndex + 1);
        File.Exists(Path.Combine(node.Path, (string)outputs["segment"]!)).ShouldBeTrue();
        var after = NodeInspector.Inspect(node.Path);
        after.LastIndex.ShouldBe(before.LastIndex + 1);
        after.Configuration!.Members.Select(m => m.Address).ShouldBe(["127.0.0.1:9001"]);
    }

    [Fact]
    public async Task The_seed_method_prediction_disagrees_with_raft_when_an_old_leader_has_the_longer_log()
    {
        var nodes = new List<object?> { Fixtures.Node("term-divergence", 1), Fixtures.Node("term-divergence", 2), Fixtures.Node("term-divergence", 3) };

        var outputs = await Run("cowsql.find-most-up-to-date", new() { ["dataDirectories"] = nodes });
        var plan = await Get("cowsql.find-most-up-to-date").PlanAsync(new Dictionary<string, object?> { ["dataDirectories"] = nodes }, Context(), CancellationToken.None);

        outputs["methodsAgree"].ShouldBe(false);
        ((string)outputs["docMethodDirectory"]!).ShouldEndWith("node1");
        outputs["docMethodIndex"].ShouldBe(14L);
        plan.Risks.ShouldContain(r => r.Severity == RiskSeverity.High && r.Text.Contains("would lose acknowledged writes", StringComparison.Ordinal));
    }
}
