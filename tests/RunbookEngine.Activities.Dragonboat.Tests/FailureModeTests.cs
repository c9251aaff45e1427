using RunbookEngine.Activities.Dragonboat.Tests.Support;

namespace RunbookEngine.Activities.Dragonboat.Tests;

/// <summary>
/// Each documented input or snapshot failure stops the runbook before anything is touched (the simulator's state
/// and files are byte-identical), with the run failed at the step that found it.
/// </summary>
public sealed class FailureModeTests : IDisposable
{
    private readonly SimCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Invalid_members_a_host_whose_replica_is_not_a_member_stops_before_anything_is_touched()
    {
        // memberNodes without replica 5, while m5 would import as replica 5: ErrInvalidMembers on m5.
        var parameters = _cluster.WriteParams(members: [(1, 1), (4, 4)]);
        await ExpectFailureBeforeAnyChange(parameters, "members", "dragonboat.invalid-members", "replica 5, which is not in members");
    }

    [Fact]
    public async Task Wrong_replica_id_for_a_host_stops_before_anything_is_touched()
    {
        // m4 and m5 swapped: members say 4=m4 but m4 would import as replica 5.
        var parameters = _cluster.WriteParams(replicaOf: h => h switch { 4 => 5, 5 => 4, _ => h });
        await ExpectFailureBeforeAnyChange(parameters, "members", "dragonboat.invalid-members", "wrong replica id");
    }

    [Fact]
    public async Task Adding_a_removed_or_moved_replica_is_refused()
    {
        // Replica 2 moved to m4's address: checkMembers' "node address changed".
        var parameters = _cluster.WriteParams(members: [(1, 1), (2, 4), (5, 5)], replicaOf: h => h == 4 ? 2 : h);
        await ExpectFailureBeforeAnyChange(parameters, "members", "dragonboat.invalid-members", "node address changed");
    }

    [Fact]
    public async Task Missing_snapshot_path_stops_before_anything_is_touched()
    {
        var parameters = _cluster.WriteParams(snapshotDir: Path.Combine(_cluster.Root, "backup", "nope", "snapshot-00000000000003E8"));
        await ExpectFailureBeforeAnyChange(parameters, "snapshot", "dragonboat.path-not-exist", "path does not exist");
    }

    [Fact]
    public async Task Incomplete_snapshot_without_its_gbsnap_stops_before_anything_is_touched()
    {
        File.Delete(Path.Combine(_cluster.Paths.SnapshotDir, "snapshot-00000000000003E8.gbsnap"));
        await ExpectFailureBeforeAnyChange(_cluster.WriteParams(), "snapshot", "dragonboat.incomplete-snapshot", "snapshot is incomplete");
    }

    [Fact]
    public async Task Snapshot_whose_payload_does_not_match_its_checksum_is_incomplete()
    {
        File.AppendAllText(Path.Combine(_cluster.Paths.SnapshotDir, "snapshot-00000000000003E8.gbsnap"), "torn write");
        await ExpectFailureBeforeAnyChange(_cluster.WriteParams(), "snapshot", "dragonboat.incomplete-snapshot", "snapshot is incomplete");
    }

    private async Task ExpectFailureBeforeAnyChange(string parameters, string failingStep, string errorType, string message)
    {
        var before = _cluster.Fingerprint();

        var (exit, stdout, stderr) = await _cluster.RunAsync(parameters);

        exit.ShouldBe(1, stdout + stderr);
        var status = await _cluster.StatusAsync();
        status.State.ShouldBe("Failed");
        var step = status.Step(failingStep);
        step.State.ShouldBe("Failed");
        step.Error.ShouldNotBeNull().ShouldContain(message);
        (stdout + stderr + step.Error).ShouldContain(errorType);
        status.Steps.ShouldNotContain(s => s.Step.StartsWith("import", StringComparison.Ordinal));
        _cluster.Fingerprint().ShouldBe(before);
    }
}
