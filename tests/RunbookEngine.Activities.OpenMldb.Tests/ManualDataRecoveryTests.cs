using static RunbookEngine.Activities.OpenMldb.Tests.SimCluster;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>openmldb/manual-data-recovery against the simulator: every replica of table flow went down and came back empty.</summary>
public sealed class ManualDataRecoveryTests
{
    private const string Runbook = "openmldb/manual-data-recovery";

    private static SimCluster AllReplicasDown(Action<Simulators.OpenMldb.SimState>? change = null)
    {
        var state = ThreeTablets(autoFailover: true);
        var p1 = state.Tables[0].Partitions[1];
        p1.Replica(Ep1)!.IsLeader = true;
        p1.Replica(Ep1)!.Offset = 9;
        p1.Replica(Ep3)!.Offset = 11;
        change?.Invoke(state);
        return new SimCluster(state);
    }

    [Fact]
    public async Task Happy_path_recovers_each_partition_from_the_leader_with_the_larger_offset()
    {
        using var sim = AllReplicasDown();
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, "table=flow");

        exit.ShouldBe(0, text);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        var state = sim.Read();
        state.Tables[0].Partitions.SelectMany(p => p.Replicas).ShouldAllBe(r => r.IsAlive);
        sim.Replica("flow", 0, Ep2).IsLeader.ShouldBeTrue();
        sim.Replica("flow", 1, Ep3).IsLeader.ShouldBeTrue("11 > 9");
        sim.Replica("flow", 1, Ep1).IsLeader.ShouldBeFalse();
        state.CommandLog.Where(c => c.StartsWith("updatetablealive", StringComparison.Ordinal)).ShouldBe(
            [$"updatetablealive flow * {Ep2} no", $"updatetablealive flow * {Ep1} no", $"updatetablealive flow * {Ep3} no",
             $"updatetablealive flow 0 {Ep2} yes", $"updatetablealive flow 1 {Ep3} yes"]);
        // Partition by partition: flow/0 is recovered (recovertable) before flow/1 is loaded.
        var log = state.CommandLog;
        var recovered0 = log.FindIndex(c => c.StartsWith("recovertable flow 0", StringComparison.Ordinal));
        recovered0.ShouldBeGreaterThanOrEqualTo(0);
        recovered0.ShouldBeLessThan(log.IndexOf($"{Ep3} loadtable flow 4 1 0 8 true"));
        state.AutoFailover.ShouldBeTrue();
    }

    [Fact]
    public async Task An_unreachable_follower_tablet_is_left_out_and_the_rest_recovered()
    {
        using var sim = AllReplicasDown(s => { var t = s.Tablet(Ep1)!; t.Up = false; t.State = "kOffline"; });
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, "table=flow", "pids=[0]");

        exit.ShouldBe(0, text);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        sim.Replica("flow", 0, Ep2).ShouldSatisfyAllConditions(r => r.IsLeader.ShouldBeTrue(), r => r.IsAlive.ShouldBeTrue());
        sim.Replica("flow", 0, Ep3).IsAlive.ShouldBeTrue();
        sim.Replica("flow", 0, Ep1).IsAlive.ShouldBeFalse("its tablet does not answer");
        sim.Read().CommandLog.ShouldNotContain(c => c.Contains($"recovertable flow 0 {Ep1}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_load_that_never_reaches_kTableNormal_times_out_and_leaves_the_partition_not_alive()
    {
        using var sim = AllReplicasDown(s => s.Faults.LoadFailures = ["4_0"]);
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, "table=flow", "loadTimeout=1s");

        exit.ShouldBe(1, text);
        RunbookHarness.StepError(status, "partition[0]/wait-loaded").ShouldContain("kTableUndefined");
        var state = sim.Read();
        state.Tables[0].Partitions[0].Replicas.ShouldAllBe(r => !r.IsAlive);
        state.CommandLog.ShouldNotContain(c => c.StartsWith("recovertable flow 0", StringComparison.Ordinal), "flow/0 never got a leader to recover from");
        state.AutoFailover.ShouldBeFalse();
    }

    [Fact]
    public async Task Auto_failover_that_cannot_be_turned_off_stops_the_run()
    {
        using var sim = AllReplicasDown(s => s.Faults.ConfsetError = "set zk failed");
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, "table=flow");

        exit.ShouldBe(1, text);
        RunbookHarness.StepError(status, "disable-auto-failover").ShouldContain("failed to set auto_failover. error msg: set zk failed");
        var state = sim.Read();
        state.AutoFailover.ShouldBeTrue();
        state.CommandLog.ShouldBe(["confset auto_failover false"]);
        state.Tables[0].Partitions.SelectMany(p => p.Replicas).ShouldAllBe(r => r.IsAlive);
    }

    [Fact]
    public async Task Plan_changes_nothing()
    {
        using var sim = AllReplicasDown();
        var text = await RunbookHarness.PlanUnchangedAsync(sim, Runbook, "table=flow");

        text.ShouldContain($"flow/1: keep {Ep3} offset 11 (leader candidates: {Ep3}=10".Replace("=10", "=11", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killed_while_waiting_for_recover_ops_it_resumes_to_a_recovered_table()
    {
        using var sim = AllReplicasDown(s => s.OpDurationMs = 60_000);
        var (exit, text, status) = await RunbookHarness.KillInWaitAndResumeAsync(sim, Runbook, "partition[0]/wait-recovered",
            () => sim.Change(s => { s.OpDurationMs = 100; foreach (var op in s.Ops) { op.StartMs = Now - 200; } }), "table=flow");

        exit.ShouldBe(0, text);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        var state = sim.Read();
        state.Tables[0].Partitions.SelectMany(p => p.Replicas).ShouldAllBe(r => r.IsAlive);
        state.CommandLog.Count(c => c.StartsWith("recovertable flow 0", StringComparison.Ordinal)).ShouldBe(2, "one per follower, none repeated");
        state.AutoFailover.ShouldBeTrue();
    }
}
