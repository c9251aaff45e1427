using static RunbookEngine.Activities.OpenMldb.Tests.SimCluster;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>openmldb/manual-failover against the simulator: a tablet failed, is taken offline, restarted and recovered.</summary>
public sealed class ManualFailoverTests
{
    private const string Runbook = "openmldb/manual-failover";

    /// <summary>Tablet 2 is down (leader of flow/0, follower of flow/1) and an operator restarts it after <paramref name="restartAfterMs"/>.</summary>
    private static SimCluster FailedTablet(long? restartAfterMs = 1500, Action<Simulators.OpenMldb.SimState>? change = null)
    {
        var state = ThreeTablets();
        var tablet = state.Tablet(Ep2)!;
        tablet.State = "kOffline";
        tablet.Up = false;
        tablet.RestartAtMs = restartAfterMs is { } ms ? Now + ms : null;
        change?.Invoke(state);
        return new SimCluster(state);
    }

    [Fact]
    public async Task Happy_path_moves_the_leader_recovers_the_tablet_and_restores_auto_failover()
    {
        using var sim = FailedTablet();
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, $"endpoint={Ep2}");

        exit.ShouldBe(0, text);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        var state = sim.Read();
        state.AutoFailover.ShouldBeTrue();
        state.Tables[0].Partitions.SelectMany(p => p.Replicas).ShouldAllBe(r => r.IsAlive);
        sim.Replica("flow", 0, Ep1).IsLeader.ShouldBeTrue("the alive follower with the largest offset (9) takes over flow/0");
        sim.Replica("flow", 0, Ep2).IsLeader.ShouldBeFalse();
        state.CommandLog.ShouldBe(["confset auto_failover false", $"offlineendpoint {Ep2}", $"recoverendpoint {Ep2}", "confset auto_failover true"]);
        state.Ops.ShouldAllBe(o => o.Status == "kDone");
        state.Ops.Select(o => o.OpType).ShouldContain("kReAddReplicaOP");
    }

    [Fact]
    public async Task Auto_failover_that_stays_on_stops_the_run_before_offlineendpoint()
    {
        using var sim = FailedTablet(change: s => s.Faults.AutoFailoverStuckOn = true);
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, $"endpoint={Ep2}");

        exit.ShouldBe(1, text);
        status.GetProperty("state").GetString().ShouldBe("Failed");
        RunbookHarness.StepState(status, "disable-auto-failover").ShouldBe("Failed");
        RunbookHarness.StepError(status, "disable-auto-failover").ShouldContain("still says auto_failover true");
        var state = sim.Read();
        state.AutoFailover.ShouldBeTrue();
        state.Ops.ShouldBeEmpty();
        state.CommandLog.ShouldBe(["confset auto_failover false"]);
    }

    [Fact]
    public async Task A_failed_change_leader_op_fails_the_run_and_keeps_auto_failover_off_for_resume()
    {
        using var sim = FailedTablet(change: s => s.Faults.FailedOpTypes = ["kChangeLeaderOP"]);
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, $"endpoint={Ep2}");

        exit.ShouldBe(1, text);
        status.GetProperty("state").GetString().ShouldBe("Failed");
        RunbookHarness.StepError(status, "wait-offline").ShouldContain("kChangeLeaderOP of flow/0 is kFailed");
        var state = sim.Read();
        state.AutoFailover.ShouldBeFalse();
        state.Ops.Single(o => o.OpType == "kChangeLeaderOP").Status.ShouldBe("kFailed");
        state.CommandLog.ShouldNotContain($"recoverendpoint {Ep2}");
    }

    [Fact]
    public async Task A_stuck_op_times_out_without_recovering_the_endpoint()
    {
        using var sim = FailedTablet(change: s => s.Faults.StuckOpTypes = ["kOfflineReplicaOP"]);
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, $"endpoint={Ep2}", "opTimeout=1s");

        exit.ShouldBe(1, text);
        RunbookHarness.StepState(status, "wait-offline").ShouldBe("Failed");
        RunbookHarness.StepError(status, "wait-offline").ShouldContain("kOfflineReplicaOP flow/1 kDoing");
        var state = sim.Read();
        state.Ops.Single(o => o.OpType == "kOfflineReplicaOP").Status.ShouldBe("kDoing");
        state.CommandLog.ShouldNotContain($"recoverendpoint {Ep2}");
    }

    [Fact]
    public async Task A_tablet_that_never_comes_back_is_not_recovered()
    {
        using var sim = FailedTablet(restartAfterMs: null);
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, $"endpoint={Ep2}", "restartTimeout=1s");

        exit.ShouldBe(1, text);
        RunbookHarness.StepState(status, "wait-healthy").ShouldBe("Failed");
        RunbookHarness.StepError(status, "wait-healthy").ShouldContain("kOffline");
        var state = sim.Read();
        state.Tablet(Ep2)!.State.ShouldBe("kOffline");
        sim.Replica("flow", 0, Ep2).IsAlive.ShouldBeFalse();
        sim.Replica("flow", 0, Ep1).IsLeader.ShouldBeTrue();
        state.CommandLog.ShouldNotContain($"recoverendpoint {Ep2}");
    }

    [Fact]
    public async Task An_unknown_endpoint_fails_before_anything_changes()
    {
        using var sim = FailedTablet();
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, "endpoint=10.9.9.9:9527");

        exit.ShouldBe(1, text);
        RunbookHarness.StepError(status, "tablet-known").ShouldContain("does not list 10.9.9.9:9527");
        sim.Read().CommandLog.ShouldBeEmpty();
    }

    [Fact]
    public async Task Plan_changes_nothing_and_shows_the_leader_that_moves()
    {
        using var sim = FailedTablet();
        var text = await RunbookHarness.PlanUnchangedAsync(sim, Runbook, $"endpoint={Ep2}");

        text.ShouldContain("set auto_failover from true to false");
        text.ShouldContain($"offline {Ep2}: re-elect the leader of 1 partition(s)");
        text.ShouldContain("data at stake: writes to the leader replicas");
    }

    [Fact]
    public async Task Killed_while_waiting_for_the_tablet_it_resumes_to_a_recovered_cluster()
    {
        using var sim = FailedTablet(restartAfterMs: null);
        var (exit, text, status) = await RunbookHarness.KillInWaitAndResumeAsync(sim, Runbook, "wait-healthy",
            () => sim.Change(s => s.Tablet(Ep2)!.RestartAtMs = Now), $"endpoint={Ep2}");

        exit.ShouldBe(0, text);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        var state = sim.Read();
        state.AutoFailover.ShouldBeTrue();
        state.Tables[0].Partitions.SelectMany(p => p.Replicas).ShouldAllBe(r => r.IsAlive);
        state.CommandLog.Count(c => c.StartsWith("offlineendpoint", StringComparison.Ordinal)).ShouldBe(1);
        state.CommandLog.Count(c => c.StartsWith("recoverendpoint", StringComparison.Ordinal)).ShouldBe(1);
    }
}
