using RunbookEngine.Activities.Dragonboat.Tests.Support;

namespace RunbookEngine.Activities.Dragonboat.Tests;

/// <summary>Failures found at run time: a NodeHost still running, an import failing on one host, a replica that never loads.</summary>
public sealed class RuntimeFailureTests : IDisposable
{
    private readonly SimCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task A_NodeHost_still_running_stops_the_run_before_anything_is_imported()
    {
        await _cluster.StartNodeHostAsync(4);
        var parameters = _cluster.WriteParams();

        var (exit, stdout, stderr) = await _cluster.RunAsync(parameters);

        exit.ShouldBe(1, stdout + stderr);
        var status = await _cluster.StatusAsync();
        status.State.ShouldBe("Failed");
        status.Step("preflight[1]/stopped").State.ShouldBe("Failed");
        status.Step("preflight[1]/stopped").Error.ShouldNotBeNull().ShouldContain("is still running: stop it first");
        status.Steps.ShouldNotContain(s => s.Step.StartsWith("import", StringComparison.Ordinal));
        _cluster.Replica(1, 1).ShouldNotBeNull().Imported.ShouldBeFalse();
        _cluster.Replica(4, 4).ShouldBeNull();
    }

    [Fact]
    public async Task An_import_that_fails_on_one_host_fails_the_run_there_and_starts_no_NodeHost()
    {
        StateStoreFault(_cluster.Address(5));

        var (exit, stdout, stderr) = await _cluster.RunAsync(_cluster.WriteParams());

        exit.ShouldBe(1, stdout + stderr);
        var status = await _cluster.StatusAsync();
        status.State.ShouldBe("Failed");
        status.Step("import[2]").Error.ShouldNotBeNull().ShouldContain("no space left on device");
        _cluster.Replica(1, 1).ShouldNotBeNull().Imported.ShouldBeTrue();
        _cluster.Replica(4, 4).ShouldNotBeNull().Imported.ShouldBeTrue();
        _cluster.Replica(5, 5).ShouldBeNull();
        _cluster.State().Hosts.Values.ShouldAllBe(h => h.StartedAt == null);
    }

    [Fact]
    public async Task A_replica_that_never_loads_times_out_the_wait()
    {
        Simulators.Dragonboat.StateStore.Update(_cluster.StateFile, s => { s.Faults.NeverReady.Add(_cluster.Address(5)); return (true, 0); });

        var (exit, stdout, stderr) = await _cluster.RunAsync(_cluster.WriteParams(readyTimeout: "2s"));

        exit.ShouldBe(1, stdout + stderr);
        var status = await _cluster.StatusAsync();
        status.Step("ready[2]").State.ShouldBe("Failed");
        status.Step("ready[2]").Error.ShouldNotBeNull().ShouldContain("did not hold within 2s");
        _cluster.Replica(5, 5).ShouldNotBeNull().Imported.ShouldBeTrue();
    }

    private void StateStoreFault(string address) =>
        Simulators.Dragonboat.StateStore.Update(_cluster.StateFile, s => { s.Faults.ImportFailsOn.Add(address); return (true, 0); });
}
