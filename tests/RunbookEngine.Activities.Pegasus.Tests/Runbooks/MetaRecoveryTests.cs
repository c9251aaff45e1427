using RunbookEngine.Activities.Pegasus.Tests.Support;
using RunbookEngine.Simulators.Pegasus;

namespace RunbookEngine.Activities.Pegasus.Tests.Runbooks;

/// <summary>Helpers for running pegasus/meta-recovery for real by the CLI against a simulated onebox.</summary>
public abstract class MetaRecoveryTestBase : IDisposable
{
    private static readonly string RunbookFile = Path.Combine(Repository.Catalog, "pegasus", "meta-recovery.yaml");
    private readonly List<Onebox> _boxes = [];

    public void Dispose()
    {
        _boxes.ForEach(b => b.Dispose());
        GC.SuppressFinalize(this);
    }

    protected Onebox NewOnebox(int nodes = 3)
    {
        var box = new Onebox(nodes);
        _boxes.Add(box);
        return box;
    }

    internal static Task<(int Exit, string Out, string Err)> Run(Onebox box, string paramsFile) =>
        box.RunbookAsync("run", RunbookFile, "--params", paramsFile, "--state-dir", box.StateDir, "--yes");

    protected static async Task<string> RunState(Onebox box)
    {
        var status = await box.StatusAsync(box.RunId());
        return status.GetProperty("state").GetString()!;
    }

    protected static void ShouldBeBackOnOldRoot(Onebox box, string output)
    {
        box.ConfigValue("recover_from_replica_server").ShouldBe("false", output);
        box.ConfigValue("cluster_root").ShouldBe(Onebox.OldRoot, output);
        box.ConfigValue("distributed_lock_service_parameters").ShouldBe(Onebox.OldRoot, output);
        box.State.Zookeeper.GetValueOrDefault(Onebox.NewRoot).ShouldBeNull("nothing may be written to the new root when recovery failed");
        box.State.Meta.Restarts.ShouldBe(2, "the compensation restarts the meta out of recovery mode");
    }
}

/// <summary>pegasus/meta-recovery: the happy path and the unreachable-node failure modes.</summary>
public sealed class MetaRecoveryTests : MetaRecoveryTestBase
{
    [Fact]
    public async Task Happy_path_recovers_every_table_and_leaves_recovery_mode()
    {
        var box = NewOnebox();
        var run = await Run(box, box.Params());

        run.Exit.ShouldBe(0, run.Out + run.Err);
        (await RunState(box)).ShouldBe("Succeeded");
        var state = box.State;
        state.Meta.Status.ShouldBe(MetaStatus.Serving);
        state.Meta.ClusterRoot.ShouldBe(Onebox.NewRoot);
        state.Meta.RecoverFromReplicaServer.ShouldBeFalse();
        state.Meta.Restarts.ShouldBe(2);
        var apps = state.Zookeeper[Onebox.NewRoot];
        apps.Select(a => a.AppName).ShouldBe(["temp", "stat"]);
        apps.SelectMany(a => a.Partitions).ShouldAllBe(p => p.CollectedReplicas == 3 && p.Primary != null && !p.ForcedEmpty);
        state.Recoveries.Single().Result.ShouldBe("ERR_OK");
        box.ConfigValue("recover_from_replica_server").ShouldBe("false");
        box.ConfigValue("cluster_root").ShouldBe(Onebox.NewRoot);
        box.ConfigValue("distributed_lock_service_parameters").ShouldBe(Onebox.NewRoot);
        File.ReadAllLines(box.NodeListFile).Where(l => !l.StartsWith('#')).ShouldBe(box.Nodes);
    }

    [Fact]
    public async Task Unreachable_node_without_skip_fails_with_the_error_hint_and_undoes_recovery_mode()
    {
        var box = NewOnebox(nodes: 4);
        box.Change(s => s.Faults.UnreachableNodes.Add("127.0.0.1:34804"));
        var run = await Run(box, box.Params());

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (await RunState(box)).ShouldBe("Failed");
        (run.Out + run.Err).ShouldContain("ERROR: collect app and replica info from node(127.0.0.1:34804) failed with err(ERR_NETWORK_FAILURE), you can skip it by set skip_bad_nodes option");
        box.State.Recoveries.Single().Result.ShouldBe("ERR_TRY_AGAIN");
        ShouldBeBackOnOldRoot(box, run.Out + run.Err);
    }

    [Fact]
    public async Task Unreachable_node_with_skip_recovers_and_reports_every_partition_short_of_replicas()
    {
        var box = NewOnebox(nodes: 4);
        box.Change(s => s.Faults.UnreachableNodes.Add("127.0.0.1:34804"));
        var run = await Run(box, box.Params(extra: "skipBadNodes: true"));

        run.Exit.ShouldBe(0, run.Out + run.Err);
        (await RunState(box)).ShouldBe("Succeeded");
        var apps = box.State.Zookeeper[Onebox.NewRoot];
        var shortOnes = apps.SelectMany(a => a.Partitions.Where(p => p.CollectedReplicas == 2).Select(p => $"{a.AppId}.{p.Pidx}")).ToList();
        shortOnes.Count.ShouldBe(9, "with 4 nodes round-robin, 9 of 12 partitions had a replica on node 4");
        var output = run.Out + run.Err;
        output.ShouldContain("WARNING: collect app and replica info from node(127.0.0.1:34804) failed with err(ERR_NETWORK_FAILURE), skip the bad node");
        foreach (var partition in shortOnes)
        {
            output.ShouldContain($"WARNING: partition({partition}) only collects 2/3 of replicas, may lost data");
        }

        box.ConfigValue("recover_from_replica_server").ShouldBe("false");
        box.State.Meta.Status.ShouldBe(MetaStatus.Serving);
    }
}
