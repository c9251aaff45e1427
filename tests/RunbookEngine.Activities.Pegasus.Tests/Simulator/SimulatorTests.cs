using RunbookEngine.Activities.Pegasus.Tests.Support;
using RunbookEngine.Simulators.Pegasus;

namespace RunbookEngine.Activities.Pegasus.Tests.Simulator;

/// <summary>The simulator's state machine and recovery algorithm, in process (no CLI).</summary>
public sealed class SimulatorTests : IDisposable
{
    private readonly Onebox _box = new(metaStartSeconds: 5);

    public void Dispose() => _box.Dispose();

    private SimState Booted(string root, bool flag)
    {
        File.WriteAllText(_box.ConfigPath, $"[meta_server]\ncluster_root = {root}\nrecover_from_replica_server = {(flag ? "true" : "false")}\n");
        var state = _box.State;
        var t0 = DateTimeOffset.UnixEpoch;
        MetaServer.Start(state, t0);
        MetaServer.Advance(state, t0.AddSeconds(4)).ShouldBeFalse("the meta is still starting");
        state.Meta.Status.ShouldBe(MetaStatus.Starting);
        MetaServer.Advance(state, t0.AddSeconds(5)).ShouldBeTrue();
        return state;
    }

    [Fact]
    public void Empty_root_with_the_flag_enters_recovery_mode()
    {
        Booted(Onebox.NewRoot, flag: true).Meta.Status.ShouldBe(MetaStatus.Recovering);
    }

    [Fact]
    public void Root_with_tables_and_the_flag_coredumps_with_the_documented_message()
    {
        var state = _box.State;
        state.Zookeeper[Onebox.NewRoot] = [new AppInfo { AppId = 1, AppName = "x", PartitionCount = 1 }];
        state.Save(_box.StatePath);
        var booted = Booted(Onebox.NewRoot, flag: true);
        booted.Meta.Status.ShouldBe(MetaStatus.Crashed);
        File.ReadAllText(_box.MetaLog).ShouldContain("initialize_data_structure(): find apps from remote storage, but [meta_server].recover_from_replica_server = true");
    }

    [Fact]
    public void Empty_root_without_the_flag_dies_at_config_sync()
    {
        var booted = Booted(Onebox.NewRoot, flag: false);
        booted.Meta.Status.ShouldBe(MetaStatus.Crashed);
        booted.Meta.CrashMessage.ShouldBe("gpid(1.0) on node(127.0.0.1:34801) is not exist on meta server, administrator should check consistency of meta data");
    }

    [Fact]
    public void Recovery_picks_the_best_replica_and_writes_the_root()
    {
        var state = Booted(Onebox.NewRoot, flag: true);
        var (result, hint) = Recovery.Run(state, _box.Nodes, skipBadNodes: false, skipLostPartitions: false);
        result.ShouldBe("ERR_OK");
        hint.ShouldBeEmpty();
        state.Meta.Status.ShouldBe(MetaStatus.Serving);
        var p0 = state.Zookeeper[Onebox.NewRoot].Single(a => a.AppId == 1).Partitions[0];
        (p0.Primary, p0.LastCommittedDecree).ShouldBe(("127.0.0.1:34801", 1000L), "the replica with the highest committed decree at equal ballot");
        Recovery.Run(state, _box.Nodes, false, false).Result.ShouldBe("ERR_SERVICE_ALREADY_RUNNING");
    }

    [Fact]
    public void Name_conflicts_rename_lower_ids_with_double_underscore_as_the_code_does()
    {
        var state = Booted(Onebox.NewRoot, flag: true);
        state.ReplicaServers["127.0.0.1:34801"].Add(new ReplicaInfo { AppId = 3, AppName = "temp", PartitionCount = 1, MaxReplicaCount = 1, Pidx = 0, Ballot = 1 });
        var (result, hint) = Recovery.Run(state, _box.Nodes, false, false);
        result.ShouldBe("ERR_OK");
        hint.ShouldContain("WARNING: app(1)'s old name(temp) is conflict with others, rename it to (temp__1)\n");
        state.Zookeeper[Onebox.NewRoot].Select(a => a.AppName).ShouldBe(["temp__1", "stat", "temp"]);
    }

    [Fact]
    public void Bad_node_hints_have_no_newline_unless_the_legacy_fault_is_set()
    {
        var state = Booted(Onebox.NewRoot, flag: true);
        List<string> nodes = [.. _box.Nodes, "127.0.0.1:34809"];
        Recovery.Run(state, nodes, false, false).Hint.ShouldEndWith("skip_bad_nodes option");
        state.Faults.LegacyHintNewlines = true;
        Recovery.Run(state, nodes, false, false).Hint.ShouldEndWith("skip_bad_nodes option\n");
        state.Meta.Status.ShouldBe(MetaStatus.Recovering, "a failed recovery can be retried");
    }

    [Fact]
    public void Concurrent_updates_do_not_lose_writes()
    {
        var store = new StateStore(_box.StatePath);
        Parallel.For(0, 20, _ => store.Update(s => { s.Meta.Restarts++; return (0, true); }));
        _box.State.Meta.Restarts.ShouldBe(20);
    }
}
