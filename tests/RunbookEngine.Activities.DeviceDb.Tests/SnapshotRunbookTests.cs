using System.Security.Cryptography;

namespace RunbookEngine.Activities.DeviceDb.Tests;

/// <summary>devicedb/cluster-snapshot against the simulator: the happy path, each documented failure, the plan, and a crash in the wait.</summary>
public sealed class SnapshotRunbookTests : IDisposable
{
    private readonly SimCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Takes_waits_downloads_and_verifies_every_nodes_part()
    {
        await _cluster.StartAsync();
        var run = await _cluster.Runbook("run", "devicedb/cluster-snapshot", "--params", _cluster.SnapshotParams());
        run.Exit.ShouldBe(0, run.Out + run.Err);

        var snapshot = _cluster.Status().Snapshots.ShouldHaveSingleItem_ForEachPort();
        snapshot.All(s => s.Status == "completed").ShouldBeTrue();
        var uuid = snapshot[0].Uuid;
        foreach (var (name, _) in SimCluster.Layout)
        {
            File.Exists(Path.Combine(_cluster.Downloads, $"snapshot-{uuid}-{name}.tar")).ShouldBeTrue();
        }

        Directory.GetFiles(_cluster.Downloads, "*.partial").ShouldBeEmpty();
        var status = await _cluster.Runbook("status", SimCluster.RunId(run.Out));
        status.Exit.ShouldBe(0);
        status.Out.ShouldContain("succeeded");
    }

    [Fact]
    public async Task Snapshot_failed_on_one_node_fails_the_wait_and_downloads_nothing()
    {
        await _cluster.StartAsync();
        (await _cluster.Sim("sim", "fault", "-kind", "snapshot-failed", "-port", "8181")).Exit.ShouldBe(0);
        var run = await _cluster.Runbook("run", "devicedb/cluster-snapshot", "--params", _cluster.SnapshotParams());

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (run.Out + run.Err).ShouldContain("devicedb.snapshot-failed");
        _cluster.Status().Snapshots.Single(s => s.Port == 8181).Status.ShouldBe("failed");
        Directory.Exists(_cluster.Downloads).ShouldBeFalse();
        await AssertStatusFailedAt("wait", run.Out);
    }

    [Fact]
    public async Task Snapshot_missing_on_one_node_fails_after_the_grace_period()
    {
        await _cluster.StartAsync();
        (await _cluster.Sim("sim", "fault", "-kind", "snapshot-missing", "-port", "8282")).Exit.ShouldBe(0);
        var run = await _cluster.Runbook("run", "devicedb/cluster-snapshot", "--params", _cluster.SnapshotParams("missingGrace: 1s"));

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (run.Out + run.Err).ShouldContain("devicedb.snapshot-missing");
        var parts = _cluster.Status().Snapshots;
        parts.Select(s => s.Port).Order().ShouldBe([8080, 8181]);
        Directory.Exists(_cluster.Downloads).ShouldBeFalse();
        await AssertStatusFailedAt("wait", run.Out);
    }

    [Fact]
    public async Task Unreachable_node_stops_the_run_before_any_snapshot_is_taken()
    {
        await _cluster.StartAsync();
        (await _cluster.Sim("sim", "fault", "-kind", "unreachable", "-port", "8181")).Exit.ShouldBe(0);
        var run = await _cluster.Runbook("run", "devicedb/cluster-snapshot", "--params", _cluster.SnapshotParams());

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (run.Out + run.Err).ShouldContain("devicedb.unreachable");
        _cluster.Status().Snapshots.ShouldBeEmpty();
        await AssertStatusFailedAt("preflight", run.Out);
    }

    [Fact]
    public async Task Snapshot_stuck_in_processing_times_out_naming_the_node()
    {
        await _cluster.StartAsync();
        (await _cluster.Sim("sim", "fault", "-kind", "snapshot-stuck", "-port", "8080")).Exit.ShouldBe(0);
        var run = await _cluster.Runbook("run", "devicedb/cluster-snapshot", "--params", _cluster.SnapshotParams("snapshotTimeout: 2s"));

        run.Exit.ShouldBe(1, run.Out + run.Err);
        (run.Out + run.Err).ShouldContain("devicedb.snapshot-timeout");
        (run.Out + run.Err).ShouldContain("ddb1 (localhost:8080) (processing)");
        _cluster.Status().Snapshots.Single(s => s.Port == 8080).Status.ShouldBe("processing");
        Directory.Exists(_cluster.Downloads).ShouldBeFalse();
    }

    [Fact]
    public async Task Plan_changes_nothing()
    {
        await _cluster.StartAsync();
        var parameters = _cluster.SnapshotParams();
        var before = Fingerprint(_cluster.Dir);
        var plan = await _cluster.Runbook("plan", "devicedb/cluster-snapshot", "--params", parameters);

        plan.Exit.ShouldBe(0, plan.Out + plan.Err);
        plan.Out.ShouldContain("3 nodes agree");
        plan.Out.ShouldContain("cluster snapshot -host localhost -port 8080");
        Fingerprint(_cluster.Dir).ShouldBe(before);
        _cluster.Status().Snapshots.ShouldBeEmpty();
    }

    [Fact]
    public async Task Resumes_after_the_engine_is_killed_inside_the_wait()
    {
        await _cluster.StartAsync(snapshotMs: 6000);
        using var runner = _cluster.StartRunbook("run", "devicedb/cluster-snapshot", "--params", _cluster.SnapshotParams());
        await SimCluster.Until(() => _cluster.CurrentRunId().Length > 0 || runner.HasExited);
        var runId = _cluster.CurrentRunId();
        await _cluster.WaitForStepStartAsync(runId, "wait", runner);
        runner.Kill(entireProcessTree: true);
        await runner.WaitForExitAsync();

        _cluster.Status().Snapshots.ShouldAllBe(s => s.Status == "processing");
        var resume = await _cluster.Runbook("resume", runId, "--yes");
        resume.Exit.ShouldBe(0, resume.Out + resume.Err);

        var parts = _cluster.Status().Snapshots;
        parts.Count.ShouldBe(3, "resume must not take a second snapshot");
        parts.ShouldAllBe(s => s.Status == "completed");
        Directory.GetFiles(_cluster.Downloads, $"snapshot-{parts[0].Uuid}-*.tar").Length.ShouldBe(3);
    }

    private async Task AssertStatusFailedAt(string step, string runOutput)
    {
        var status = await _cluster.Runbook("status", SimCluster.RunId(runOutput));
        status.Out.ShouldContain("failed");
        status.Out.ShouldContain(step);
    }

    /// <summary>Every file under the folder (the state file, stores, snapshot folders) with its SHA-256.</summary>
    internal static string Fingerprint(string dir) => string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(f => $"{f} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}

/// <summary>Small assertion helpers.</summary>
internal static class SnapshotAssertions
{
    /// <summary>Exactly one snapshot part per node of the layout.</summary>
    public static IReadOnlyList<RunbookEngine.Simulators.DeviceDb.SimSnapshotStatus> ShouldHaveSingleItem_ForEachPort(this IReadOnlyList<RunbookEngine.Simulators.DeviceDb.SimSnapshotStatus> parts)
    {
        parts.Select(p => p.Port).Order().ShouldBe(SimCluster.Layout.Select(l => l.Port));
        parts.Select(p => p.Uuid).Distinct().Count().ShouldBe(1);
        return parts;
    }
}
