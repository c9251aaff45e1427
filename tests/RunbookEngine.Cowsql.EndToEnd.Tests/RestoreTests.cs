using RunbookEngine.Cowsql.EndToEnd.Tests.Support;

namespace RunbookEngine.Cowsql.EndToEnd.Tests;

/// <summary>B.1 and B.2 on real dqlite-demo clusters, driven through the `runbook` CLI.</summary>
public sealed class RestoreTests(LaggingClusterFixture fixture) : IClassFixture<LaggingClusterFixture>
{
    [Fact]
    public void B1_restarts_an_untouched_cluster_with_every_key_and_the_same_members()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("b1"));
        var parameters = Params.Write(cluster, cluster.Nodes, LaggingClusterFixture.Keys.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (exit, stdout, stderr) = cluster.Runbook("run", "cowsql/restart-existing", "--catalog", Repository.Catalog, "--params", parameters, "--yes", "--state-dir", Path.Combine(cluster.Root, "state"));

        exit.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("succeeded");
        Directory.EnumerateDirectories(Path.Combine(cluster.Root, "backups")).ShouldHaveSingleItem();
        Checks.ClusterIsWhole(cluster, cluster.Nodes, LaggingClusterFixture.Keys);
    }

    [Fact]
    public void B2_restores_a_lagging_cluster_onto_a_new_address_without_losing_a_key()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("b2"));
        var old3 = cluster.Nodes[2];

        // Node 3 is replaced by a node at a new address; its old (lagging) data is brought along as the new node's source.
        var replacement = new DqliteNode(4, $"127.0.0.1:{Ports.Free()}", $"127.0.0.1:{Ports.Free()}") { Id = old3.Id };
        var target = new[] { cluster.Nodes[0], cluster.Nodes[1], replacement };
        var parameters = Params.Write(cluster, target, LaggingClusterFixture.Keys.ToString(System.Globalization.CultureInfo.InvariantCulture),
            sources: new Dictionary<int, string> { [4] = cluster.NodeDirectory(old3) });
        cluster.Nodes.Add(replacement);

        var (exit, stdout, stderr) = cluster.Runbook("run", "cowsql/restore-new-config", "--catalog", Repository.Catalog, "--params", parameters, "--yes", "--state-dir", Path.Combine(cluster.Root, "state"));

        exit.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("Membership after:  " + string.Join(", ", target.Select(n => n.Address)));
        Checks.ClusterIsWhole(cluster, target, LaggingClusterFixture.Keys);
    }

    [Fact]
    public void B2_refuses_with_nothing_changed_while_a_node_is_still_running()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("run"));
        var stopped = cluster.Nodes.Skip(1).ToList();
        var before = stopped.ToDictionary(n => n.Address, n => Checks.Hashes(cluster.NodeDirectory(n)));
        cluster.Start(cluster.Nodes[0]);
        SpinWait.SpinUntil(() => Ports.IsOpen(cluster.Nodes[0].Address), TimeSpan.FromSeconds(30)).ShouldBeTrue();
        var parameters = Params.Write(cluster, cluster.Nodes, null);

        var (exit, stdout, stderr) = cluster.Runbook("run", "cowsql/restore-new-config", "--catalog", Repository.Catalog, "--params", parameters, "--yes", "--state-dir", Path.Combine(cluster.Root, "state"));

        exit.ShouldBe(1, stdout + stderr);
        (stdout + stderr).ShouldContain("failed at preflight/db-ports-closed");
        (stdout + stderr).ShouldContain(cluster.Nodes[0].Address);
        Directory.Exists(Path.Combine(cluster.Root, "backups")).ShouldBeFalse();
        foreach (var node in stopped)
        {
            Checks.Hashes(cluster.NodeDirectory(node)).ShouldBe(before[node.Address]);
        }
    }

    [Fact]
    public void Plan_of_B2_leaves_every_data_file_byte_identical_and_names_the_winner()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("plan"));
        var before = Checks.Hashes(cluster.DataDirectory);
        var parameters = Params.Write(cluster, cluster.Nodes, null);

        var (exit, stdout, stderr) = cluster.Runbook("plan", "cowsql/restore-new-config", "--catalog", Repository.Catalog, "--params", parameters);

        exit.ShouldBe(0, stdout + stderr);
        Checks.Hashes(cluster.DataDirectory).ShouldBe(before);
        Directory.Exists(Path.Combine(cluster.Root, "backups")).ShouldBeFalse();
        stdout.ShouldContain($"#2 {cluster.Nodes[2].Address} term 1 index");
        stdout.ShouldContain(".reconfigure " + cluster.DataDirectory);
        stdout.ShouldContain("destructive");
    }

    [Fact]
    public void A3_ranks_by_raft_rule_and_the_seed_method_on_copies_agrees()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("a3"));
        var before = Checks.Hashes(cluster.DataDirectory);
        var parameters = Params.Write(cluster, cluster.Nodes, null, new Dictionary<string, string>
        {
            ["docMethod"] = "true",
            ["scratchDirectory"] = Path.Combine(cluster.Root, "a3"),
        }, restore: false);

        var (exit, stdout, stderr) = cluster.Runbook("run", "cowsql/find-most-up-to-date", "--catalog", Repository.Catalog, "--params", parameters, "--yes", "--state-dir", Path.Combine(cluster.Root, "state"));

        exit.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("methodsAgree = true");
        stdout.ShouldNotContain("winnerDirectory = " + cluster.NodeDirectory(cluster.Nodes[2]));
        Checks.Hashes(cluster.DataDirectory).ShouldBe(before);

        // The seed's method wrote its N-N segments into the copies only.
        Directory.EnumerateFiles(Path.Combine(cluster.Root, "a3"), "*", SearchOption.AllDirectories).Count().ShouldBeGreaterThan(before.Count);
    }
}
