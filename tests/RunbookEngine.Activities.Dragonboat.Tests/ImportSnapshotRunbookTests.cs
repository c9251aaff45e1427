using RunbookEngine.Activities.Dragonboat.Tests.Support;
using RunbookEngine.Simulators.Dragonboat;

namespace RunbookEngine.Activities.Dragonboat.Tests;

/// <summary>dragonboat/import-snapshot end to end: the real CLI against the simulator, happy path and plan.</summary>
public sealed class ImportSnapshotRunbookTests : IDisposable
{
    private readonly SimCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Imports_on_every_host_restarts_them_and_the_shard_elects_a_leader_on_the_new_membership()
    {
        var (exit, stdout, stderr) = await _cluster.RunAsync(_cluster.WriteParams());

        exit.ShouldBe(0, stdout + stderr);
        (await _cluster.StatusAsync()).State.ShouldBe("Succeeded");
        stdout.ShouldContain("NEVER restart the removed replicas 2=127.0.0.1:7002,3=127.0.0.1:7003");

        var state = _cluster.State();
        foreach (var (host, replica) in new[] { (1, 1UL), (4, 4UL), (5, 5UL) })
        {
            var r = _cluster.Replica(host, replica).ShouldNotBeNull($"m{host} has no replica {replica}");
            r.Imported.ShouldBeTrue();
            r.BootstrapJoin.ShouldBeTrue();
            (r.Commit, r.MaxIndex, r.SnapshotIndex, r.Term).ShouldBe((1000UL, 1000UL, 1000UL, Scenario.SnapshotTerm));
            r.Addresses.Keys.ShouldBe([1UL, 4UL, 5UL]);
            r.Removed.Keys.ShouldBe([2UL, 3UL]);
            state.Hosts[_cluster.Dir(host)].StartedAt.ShouldNotBeNull($"m{host}'s NodeHost was not restarted");
            var copy = Path.Combine(NodeHostDir.SnapshotDir(_cluster.Dir(host), state.Hosts[_cluster.Dir(host)], 100, replica), ExportedSnapshot.DirName(1000));
            File.Exists(Path.Combine(copy, ExportedSnapshot.FileName(1000))).ShouldBeTrue();
            ShardView.Of(state, _cluster.Dir(host), r, DateTimeOffset.UtcNow).LeaderId.ShouldBe(1UL);
        }

        // The lost hosts are untouched: their old replicas still think they are members; the runbook says never to start them.
        _cluster.Replica(2, 2).ShouldNotBeNull().Imported.ShouldBeFalse();
        state.Hosts[_cluster.Dir(2)].StartedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Plan_changes_nothing_and_shows_the_data_at_stake_and_the_removed_replicas()
    {
        var parameters = _cluster.WriteParams();
        var before = _cluster.Fingerprint();

        var (exit, stdout, stderr) = await _cluster.RunbookAsync("plan", SimCluster.Runbook, "--catalog", Repository.Catalog, "--params", parameters);

        exit.ShouldBe(0, stdout + stderr);
        _cluster.Fingerprint().ShouldBe(before);
        stdout.ShouldContain("data at stake: replica 1 on 127.0.0.1:7001: log entries 1001–1320 (commit 1300, term 5) are discarded");
        stdout.ShouldContain("replicas 2=127.0.0.1:7002,3=127.0.0.1:7003 are removed for ever: they must never be restarted");
        stdout.ShouldContain("This plan contains destructive steps.");
        Directory.Exists(_cluster.StateDir).ShouldBeFalse();
    }
}
