using RunbookEngine.Simulators.OpenMldb;
using static RunbookEngine.Activities.OpenMldb.Tests.SimCluster;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>The simulator's state machine and printer, called in process with an explicit clock.</summary>
public sealed class SimulatorTests
{
    private static (string Text, SimState State) Ns(SimState state, string cmd, long now)
    {
        var (text, _) = NsClient.Execute(state, cmd.Split(' '), now);
        return (text, state);
    }

    [Fact]
    public void The_printer_pads_cells_and_draws_the_dash_line_of_the_real_tprinter()
    {
        var text = TablePrinter.Print(["key", "value"], [["auto_failover", "true"]]);
        var lines = text.Split('\n');
        lines[0].ShouldBe("  key            value");
        lines[1].ShouldBe(new string('-', 2 + 13 + 2 + 5 + 2));
        lines[2].ShouldBe("  auto_failover  true ");
    }

    [Fact]
    public void Repairs_are_rejected_while_auto_failover_is_on()
    {
        var state = ThreeTablets(autoFailover: true);
        Ns(state, $"offlineendpoint {Ep2}", 0).Text.ShouldBe("failed to offline endpoint. error msg: auto_failover is enabled\n");
        Ns(state, $"recovertable flow 0 {Ep2}", 0).Text.ShouldBe("Fail to recover table. error msg:auto_failover is enabled\n");
        Ns(state, $"updatetablealive flow * {Ep2} no", 0).Text.ShouldBe("Fail to update table alive. error msg: auto_failover is enabled\n");
        state.Ops.ShouldBeEmpty();
    }

    [Fact]
    public void Offlineendpoint_ops_take_their_time_and_then_move_the_leader()
    {
        var state = ThreeTablets(autoFailover: false);
        state.OpDurationMs = 1000;
        Ns(state, $"offlineendpoint {Ep2}", 10_000).Text.ShouldBe("offline endpoint ok\n");
        state.Ops.Select(o => (o.OpType, o.Pid)).ShouldBe([("kChangeLeaderOP", 0), ("kOfflineReplicaOP", 1)]);

        Cluster.Advance(state, 10_500);
        state.Ops.ShouldAllBe(o => o.Status == "kDoing");
        state.Tables[0].Partitions[0].Replica(Ep2)!.IsAlive.ShouldBeTrue();

        Cluster.Advance(state, 11_000);
        state.Ops.ShouldAllBe(o => o.Status == "kDone");
        state.Tables[0].Partitions[0].Replica(Ep2)!.IsAlive.ShouldBeFalse();
        state.Tables[0].Partitions[0].Replica(Ep1)!.IsLeader.ShouldBeTrue("offset 9 beats 8");
        state.Tables[0].Partitions[1].Replica(Ep2)!.IsAlive.ShouldBeFalse();
    }

    [Fact]
    public void Recoverendpoint_needs_a_healthy_tablet_and_chains_a_readd_op()
    {
        var state = ThreeTablets(autoFailover: false);
        state.OpDurationMs = 100;
        state.Tablet(Ep2)!.State = "kOffline";
        Ns(state, $"recoverendpoint {Ep2}", 0).Text.ShouldBe("failed to recover endpoint. error msg: tablet is not healthy\n");

        state.Tablet(Ep2)!.State = "kHealthy";
        state.Tables[0].Partitions[1].Replica(Ep2)!.IsAlive = false;
        Ns(state, $"recoverendpoint {Ep2}", 0).Text.ShouldBe("recover endpoint ok\n");
        state.Ops.Single().OpType.ShouldBe("kRecoverTableOP");

        Cluster.Advance(state, 150);
        state.Ops.Select(o => (o.OpType, o.Status)).ShouldBe([("kRecoverTableOP", "kDone"), ("kReAddReplicaOP", "kDoing")]);
        Cluster.Advance(state, 200);
        state.Ops[1].Status.ShouldBe("kDone");
        var replica = state.Tables[0].Partitions[1].Replica(Ep2)!;
        replica.IsAlive.ShouldBeTrue();
        replica.Offset.ShouldBe(10);
        state.Tablet(Ep2)!.Loaded.Single().Mode.ShouldBe("kTableFollower");
    }

    [Fact]
    public void Stuck_and_failed_op_faults()
    {
        var state = ThreeTablets(autoFailover: false);
        state.OpDurationMs = 100;
        state.Faults.StuckOpTypes = ["kOfflineReplicaOP"];
        state.Faults.FailedOpTypes = ["kChangeLeaderOP"];
        Ns(state, $"offlineendpoint {Ep2}", 0);
        Cluster.Advance(state, 10_000);
        state.Ops.Select(o => o.Status).ShouldBe(["kFailed", "kDoing"]);
        state.Tables[0].Partitions[0].Replica(Ep2)!.IsLeader.ShouldBeTrue("a failed change-leader op has no effect");
    }

    [Fact]
    public void Loadtable_goes_loading_then_normal_and_refuses_a_second_load()
    {
        var state = ThreeTablets();
        state.LoadDurationMs = 100;
        TabletClient.Execute(state, Ep2, "loadtable flow 4 0 0 8".Split(' '), 0).Text.ShouldBe("LoadTable ok\n");
        TabletClient.Execute(state, Ep2, "gettablestatus 4 0".Split(' '), 50).Text.ShouldContain("kTableLoading");
        TabletClient.Execute(state, Ep2, "gettablestatus 4 0".Split(' '), 100).Text.ShouldContain("kTableNormal");
        TabletClient.Execute(state, Ep2, "loadtable flow 4 0 0 8".Split(' '), 200).Text.ShouldBe("Fail to LoadTable: table already exists\n");
        TabletClient.Execute(state, Ep2, "loadtable flow 4".Split(' '), 200).Text.ShouldStartWith("Bad LoadTable format");
    }

    [Fact]
    public void An_unreachable_tablet_answers_with_a_connection_error()
    {
        var state = ThreeTablets();
        state.Tablet(Ep1)!.Up = false;
        TabletClient.Execute(state, Ep1, ["gettablestatus"], 0).Text.ShouldBe($"gettablestatus failed, error msg: [E112]Not connected to {Ep1} yet\n");
    }

    [Fact]
    public void Read_only_commands_do_not_ask_to_save_and_confget_keeps_the_wrong_word()
    {
        var state = ThreeTablets();
        foreach (var cmd in new[] { "confget", "showtablet", "showtable", "showopstatus" })
        {
            NsClient.Execute(state, cmd.Split(' '), 0).Save.ShouldBeFalse(cmd);
        }

        Ns(state, "confget foo", 0).Text.ShouldBe("failed to set foo. error msg: cannot found key foo\n");
        Ns(state, "confset auto_failover maybe", 0).Text.ShouldBe("failed to set auto_failover. error msg: invalid parameter\n");
        Ns(state, "changeleader flow 0", 0).Text.ShouldBe("failed to change leader. error msg: auto_failover is enabled\n");
    }
}
