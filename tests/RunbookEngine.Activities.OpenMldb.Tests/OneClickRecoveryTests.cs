using static RunbookEngine.Activities.OpenMldb.Tests.SimCluster;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>openmldb/one-click-recovery against the simulator: every tablet restarted, nothing is loaded.</summary>
public sealed class OneClickRecoveryTests
{
    private const string Runbook = "openmldb/one-click-recovery";

    /// <summary>
    /// After a cold restart flow/0 has two leader-flagged replicas with offsets 9 (tablet 1) and 10 (tablet 2): the
    /// string comparison of the old script would keep 9; the numeric one keeps 10.
    /// </summary>
    private static SimCluster ColdRestart(Action<Simulators.OpenMldb.SimState>? change = null)
    {
        var state = ThreeTablets();
        var p0 = state.Tables[0].Partitions[0];
        p0.Replica(Ep1)!.IsLeader = true;
        p0.Replica(Ep1)!.Offset = 9;
        p0.Replica(Ep2)!.Offset = 10;
        p0.Replica(Ep3)!.Offset = 100; // a follower with more data is not a leader candidate (systems.md 1.9)
        change?.Invoke(state);
        return new SimCluster(state);
    }

    [Fact]
    public async Task Happy_path_loads_the_leader_with_the_numerically_largest_offset()
    {
        using var sim = ColdRestart();
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook);

        exit.ShouldBe(0, text);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        var state = sim.Read();
        sim.Replica("flow", 0, Ep2).IsLeader.ShouldBeTrue("offset 10 > 9 as numbers");
        sim.Replica("flow", 0, Ep1).IsLeader.ShouldBeFalse();
        sim.Replica("flow", 0, Ep1).Offset.ShouldBe(10);
        state.Tables[0].Partitions.SelectMany(p => p.Replicas).ShouldAllBe(r => r.IsAlive);
        state.Tablet(Ep2)!.Loaded.Single(l => l.Pid == 0).ShouldSatisfyAllConditions(l => l.Mode.ShouldBe("kTableLeader"), l => l.State.ShouldBe("kTableNormal"));
        state.CommandLog.ShouldContain($"{Ep2} loadtable flow 4 0 0 8 true");
        state.CommandLog.ShouldNotContain(c => c.Contains("loadtable flow 4 0", StringComparison.Ordinal) && !c.StartsWith(Ep2, StringComparison.Ordinal));
        state.AutoFailover.ShouldBeTrue();
    }

    [Fact]
    public async Task A_partition_with_no_usable_replica_stops_the_run_before_anything_changes()
    {
        using var sim = ColdRestart(s => { var t = s.Tablet(Ep3)!; t.Up = false; t.State = "kOffline"; });
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook);

        exit.ShouldBe(1, text);
        RunbookHarness.StepState(status, "choose").ShouldBe("Failed");
        RunbookHarness.StepError(status, "choose").ShouldContain("flow/1: no replica flagged leader is on a healthy tablet (10.0.0.3:9527)");
        var state = sim.Read();
        state.CommandLog.ShouldBeEmpty();
        state.AutoFailover.ShouldBeTrue();
    }

    [Fact]
    public async Task With_skipLostPartitions_the_other_partitions_are_recovered_and_the_plan_says_what_is_at_risk()
    {
        using var sim = ColdRestart(s => { var t = s.Tablet(Ep3)!; t.Up = false; t.State = "kOffline"; });
        var plan = await RunbookHarness.PlanUnchangedAsync(sim, Runbook, "skipLostPartitions=true");
        plan.ShouldContain("flow/1 stay without a leader; their data stays unavailable");

        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook, "skipLostPartitions=true");

        exit.ShouldBe(0, text);
        RunbookHarness.StepState(status, "report-lost").ShouldBe("Succeeded");
        sim.Replica("flow", 0, Ep2).ShouldSatisfyAllConditions(r => r.IsLeader.ShouldBeTrue(), r => r.IsAlive.ShouldBeTrue());
        sim.Replica("flow", 0, Ep1).IsAlive.ShouldBeTrue();
        sim.Replica("flow", 0, Ep3).IsAlive.ShouldBeFalse("its tablet is down");
        sim.Read().Table("flow")!.Partitions[1].Replicas.ShouldAllBe(r => !r.IsAlive);
    }

    [Fact]
    public async Task A_cluster_that_was_not_fully_restarted_is_refused()
    {
        using var sim = ColdRestart(s => s.Tablet(Ep1)!.Loaded.Add(new() { Tid = 4, Pid = 1, Mode = "kTableFollower" }));
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook);

        exit.ShouldBe(1, text);
        RunbookHarness.StepError(status, "cold-restart").ShouldContain($"endpoint {Ep1} has table partitions");
        sim.Read().CommandLog.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_recover_table_op_that_fails_fails_the_run_before_the_final_check()
    {
        using var sim = ColdRestart(s => s.Faults.FailedOpTypes = ["kReAddReplicaOP"]);
        var (exit, text, status) = await RunbookHarness.RunAsync(sim, Runbook);

        exit.ShouldBe(1, text);
        RunbookHarness.StepError(status, "wait-recovered").ShouldContain("kReAddReplicaOP");
        var state = sim.Read();
        sim.Replica("flow", 0, Ep2).IsAlive.ShouldBeTrue("the leader was loaded and marked alive");
        sim.Replica("flow", 0, Ep1).IsAlive.ShouldBeFalse();
        state.AutoFailover.ShouldBeFalse("left off so that the run can be resumed");
    }

    [Fact]
    public async Task Plan_changes_nothing_and_names_the_chosen_leaders()
    {
        using var sim = ColdRestart();
        var text = await RunbookHarness.PlanUnchangedAsync(sim, Runbook);

        text.ShouldContain($"flow/0: keep {Ep2} offset 10 (leader candidates: {Ep2}=10, {Ep1}=9)");
        text.ShouldContain("updatetablealive flow * 10.0.0.2:9527 no");
    }

    /// <summary>Makes every load in progress finish now, so the resumed run does not wait a minute.</summary>
    internal static Action FinishLoads(SimCluster sim) => () => sim.Change(s =>
    {
        foreach (var loading in s.Tablets.SelectMany(t => t.Loaded).Where(l => l.State == "kTableLoading"))
        {
            loading.ReadyAtMs = Now;
        }

        s.LoadDurationMs = 100;
    });

    [Fact]
    public async Task Killed_while_waiting_for_the_load_it_resumes_to_a_recovered_cluster()
    {
        using var sim = ColdRestart(s => s.LoadDurationMs = 60_000);
        var (exit, text, status) = await RunbookHarness.KillInWaitAndResumeAsync(sim, Runbook, "wait-loaded",
            FinishLoads(sim), []);

        exit.ShouldBe(0, text);
        status.GetProperty("state").GetString().ShouldBe("Succeeded");
        var state = sim.Read();
        state.Tables[0].Partitions.SelectMany(p => p.Replicas).ShouldAllBe(r => r.IsAlive);
        sim.Replica("flow", 0, Ep2).IsLeader.ShouldBeTrue();
        state.CommandLog.Count(c => c.Contains("loadtable flow 4 0", StringComparison.Ordinal)).ShouldBe(1, "the load is not repeated");
        state.AutoFailover.ShouldBeTrue();
    }
}
