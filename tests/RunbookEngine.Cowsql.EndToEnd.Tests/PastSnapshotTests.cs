using RunbookEngine.Testing;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Cowsql.EndToEnd.Tests.Support;

namespace RunbookEngine.Cowsql.EndToEnd.Tests;

/// <summary>C.1.1 and C.1.2 on a node broken by the reference's recipe R1 (a missing segment after the snapshot).</summary>
public sealed class PastSnapshotTests(SnapshotClusterFixture fixture) : IClassFixture<SnapshotClusterFixture>
{
    private static readonly string Keys = SnapshotClusterFixture.Keys.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_broken_node_really_does_not_start()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("c1"));
        var (node, deleted) = SnapshotClusterFixture.BreakPastSnapshot(cluster);

        var (exit, _, stderr) = RunbookProcess.RunProgram(DqliteCluster.Demo, ["--dir", cluster.DataDirectory, "--api", node.Api, "--db", node.Address], timeout: TimeSpan.FromSeconds(30));

        exit.ShouldBe(1);
        stderr.ShouldContain("is past last snapshot");
        deleted.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void C11_drops_the_segments_past_the_snapshot_names_the_loss_and_the_cluster_catches_the_node_up()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("c11"));
        var (node, _) = SnapshotClusterFixture.BreakPastSnapshot(cluster);
        var parameters = Params.Write(cluster, cluster.Nodes, Keys, new Dictionary<string, string> { ["node"] = $"\"{node.Address}\"" });

        var plan = cluster.Runbook("plan", "cowsql/drop-segments-past-snapshot", "--catalog", Repository.Catalog, "--params", parameters);
        plan.Exit.ShouldBe(0, plan.Out + plan.Err);
        plan.Out.ShouldMatch(@"entries \d+–\d+ \(\d+\) are deleted with");

        var (exit, stdout, stderr) = cluster.Runbook("run", "cowsql/drop-segments-past-snapshot", "--catalog", Repository.Catalog, "--params", parameters, "--yes", "--state-dir", Path.Combine(cluster.Root, "state"));

        exit.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("lostEntries = ");
        Checks.ClusterIsWhole(cluster, cluster.Nodes, SnapshotClusterFixture.Keys);
    }

    [Fact]
    public void C12_repairs_from_a_peer_with_no_row_lost_on_the_node_itself()
    {
        using var cluster = DqliteCluster.CopyOf(fixture.Template, Scratch.New("c12"));
        var (node, _) = SnapshotClusterFixture.BreakPastSnapshot(cluster);
        var metadata = File.ReadAllBytes(Path.Combine(cluster.NodeDirectory(node), "metadata1"));
        var parameters = Params.Write(cluster, cluster.Nodes, Keys, new Dictionary<string, string> { ["node"] = $"\"{node.Address}\"", ["verify"] = "false" });

        var (exit, stdout, stderr) = cluster.Runbook("run", "cowsql/repair-from-peer", "--catalog", Repository.Catalog, "--params", parameters, "--yes", "--state-dir", Path.Combine(cluster.Root, "state"));

        exit.ShouldBe(0, stdout + stderr);

        // Offline, before any peer could send anything: the repaired node alone holds the peers' whole log, and its own metadata.
        var repaired = NodeInspector.Inspect(cluster.NodeDirectory(node));
        var peers = cluster.Nodes.Where(n => n != node).Select(n => NodeInspector.Inspect(cluster.NodeDirectory(n))).ToList();
        repaired.HasErrors.ShouldBeFalse();
        repaired.LastIndex.ShouldBe(peers.Max(p => p.LastIndex));
        File.ReadAllBytes(Path.Combine(cluster.NodeDirectory(node), "metadata1")).ShouldBe(metadata);

        // Then the cluster starts with it and every node serves every key.
        cluster.StartAll();
        cluster.WaitUntilVoters(3);
        Checks.ClusterIsWhole(cluster, cluster.Nodes, SnapshotClusterFixture.Keys);
    }
}
