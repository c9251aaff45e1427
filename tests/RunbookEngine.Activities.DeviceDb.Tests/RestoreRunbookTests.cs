namespace RunbookEngine.Activities.DeviceDb.Tests;

/// <summary>devicedb/cluster-restore against the simulator: the happy path, each documented failure, the plan, and a crash in the wait.</summary>
public sealed class RestoreRunbookTests : IDisposable
{
    private readonly SimCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Restores_every_store_to_the_snapshot_and_restarts_a_consistent_cluster()
    {
        var uuid = await PrepareAsync();
        var run = await _cluster.Runbook("run", "devicedb/cluster-restore", "--params", _cluster.RestoreParams(uuid), "--yes");
        run.Exit.ShouldBe(0, run.Out + run.Err);

        var status = _cluster.Status();
        status.Nodes.ShouldAllBe(n => n.Running);
        status.Nodes.ShouldAllBe(n => n.Data.ContainsKey("before") && !n.Data.ContainsKey("after"));
        status.Nodes.ShouldAllBe(n => n.Members == 3);
        Directory.GetDirectories(Path.Combine(_cluster.Dir, "backups")).Length.ShouldBe(3);
        var runStatus = await _cluster.Runbook("status", SimCluster.RunId(run.Out));
        runStatus.Exit.ShouldBe(0);
        runStatus.Out.ShouldContain("succeeded");
    }

    [Fact]
    public async Task A_tar_from_another_snapshot_is_refused_before_anything_is_touched()
    {
        var uuid = await PrepareAsync();
        var other = await _cluster.TakeSnapshotAsync(Path.Combine(_cluster.Dir, "other"));
        File.Copy(Path.Combine(_cluster.Dir, "other", $"snapshot-{other}-ddb2.tar"), Path.Combine(_cluster.Downloads, $"snapshot-{uuid}-ddb2.tar"), overwrite: true);
        var run = await _cluster.Runbook("run", "devicedb/cluster-restore", "--params", _cluster.RestoreParams(uuid), "--yes");

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (run.Out + run.Err).ShouldContain("devicedb.snapshot-invalid");
        (run.Out + run.Err).ShouldContain("belongs to another cluster snapshot");
        AssertUntouched();
    }

    [Fact]
    public async Task A_missing_tar_is_refused_before_anything_is_touched()
    {
        var uuid = await PrepareAsync();
        File.Delete(Path.Combine(_cluster.Downloads, $"snapshot-{uuid}-ddb3.tar"));
        var run = await _cluster.Runbook("run", "devicedb/cluster-restore", "--params", _cluster.RestoreParams(uuid), "--yes");

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (run.Out + run.Err).ShouldContain("devicedb.not-found");
        AssertUntouched();
    }

    [Fact]
    public async Task A_node_unreachable_after_the_restart_fails_the_wait_with_the_stores_restored()
    {
        var uuid = await PrepareAsync();
        (await _cluster.Sim("sim", "fault", "-kind", "unreachable", "-port", "8282")).Exit.ShouldBe(0);
        var run = await _cluster.Runbook("run", "devicedb/cluster-restore", "--params", _cluster.RestoreParams(uuid, "startTimeout: 2s"), "--yes");

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (run.Out + run.Err).ShouldContain("flow.wait-until.timeout");
        var status = _cluster.Status();
        status.Nodes.ShouldAllBe(n => n.Running && !n.Data.ContainsKey("after"));
        var runStatus = await _cluster.Runbook("status", SimCluster.RunId(run.Out));
        runStatus.Out.ShouldContain("failed");
    }

    [Fact]
    public async Task Plan_changes_nothing()
    {
        var uuid = await PrepareAsync();
        var parameters = _cluster.RestoreParams(uuid);
        var before = SnapshotRunbookTests.Fingerprint(_cluster.Dir);
        var plan = await _cluster.Runbook("plan", "devicedb/cluster-restore", "--params", parameters);

        plan.Exit.ShouldBe(0, plan.Out + plan.Err);
        plan.Out.ShouldContain($"snapshot {uuid}");
        plan.Out.ShouldContain("destructive");
        SnapshotRunbookTests.Fingerprint(_cluster.Dir).ShouldBe(before);
        AssertUntouched();
    }

    [Fact]
    public async Task Resumes_after_the_engine_is_killed_while_waiting_for_the_nodes()
    {
        var uuid = await PrepareAsync();
        (await _cluster.Sim("sim", "config", "-start_delay_ms", "5000")).Exit.ShouldBe(0);
        using var runner = _cluster.StartRunbook("run", "devicedb/cluster-restore", "--params", _cluster.RestoreParams(uuid), "--yes");
        await SimCluster.Until(() => _cluster.CurrentRunId().Length > 0 || runner.HasExited);
        var runId = _cluster.CurrentRunId();
        await _cluster.WaitForStepStartAsync(runId, "up", runner);
        runner.Kill(entireProcessTree: true);
        await runner.WaitForExitAsync();

        var resume = await _cluster.Runbook("resume", runId, "--yes");
        resume.Exit.ShouldBe(0, resume.Out + resume.Err);
        var status = _cluster.Status();
        status.Nodes.ShouldAllBe(n => n.Running && n.Data.ContainsKey("before") && !n.Data.ContainsKey("after"));
    }

    /// <summary>A running cluster with a snapshot holding "before" and a later write "after" that the restore must undo.</summary>
    private async Task<string> PrepareAsync()
    {
        await _cluster.StartAsync(snapshotMs: 100);
        (await _cluster.Sim("sim", "put", "-port", "8080", "-key", "before", "-value", "1")).Exit.ShouldBe(0);
        var uuid = await _cluster.TakeSnapshotAsync();
        (await _cluster.Sim("sim", "put", "-port", "8080", "-key", "after", "-value", "2")).Exit.ShouldBe(0);
        return uuid;
    }

    private void AssertUntouched()
    {
        var status = _cluster.Status();
        status.Nodes.Count.ShouldBe(3);
        status.Nodes.ShouldAllBe(n => n.Running && n.Data.ContainsKey("after"));
        Directory.Exists(Path.Combine(_cluster.Dir, "backups")).ShouldBeFalse();
    }
}
