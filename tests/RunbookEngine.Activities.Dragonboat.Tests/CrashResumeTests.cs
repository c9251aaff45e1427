using RunbookEngine.Activities.Dragonboat.Tests.Support;
using RunbookEngine.Simulators.Dragonboat;

namespace RunbookEngine.Activities.Dragonboat.Tests;

/// <summary>The engine is SIGKILLed while it waits for the restarted shard; `runbook resume` finishes the run.</summary>
public sealed class CrashResumeTests : IDisposable
{
    // Long enough that the kill lands inside the wait, short enough for the suite.
    private readonly SimCluster _cluster = new(loadSeconds: 5);

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Killed_while_waiting_for_the_leader_then_resumed_it_finishes_without_importing_again()
    {
        var parameters = _cluster.WriteParams();
        using (var engine = _cluster.StartRunbook("run", SimCluster.Runbook, "--catalog", Repository.Catalog, "--params", parameters, "--state-dir", _cluster.StateDir, "--yes"))
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!InsideTheWait())
            {
                engine.HasExited.ShouldBeFalse("the run ended before it reached the wait");
                await Task.Delay(50, deadline.Token);
            }

            engine.Kill(entireProcessTree: true);
            await engine.WaitForExitAsync();
        }

        var killed = await _cluster.StatusAsync();
        killed.State.ShouldNotBe("Succeeded");
        killed.Steps.ShouldNotContain(s => s.Step.StartsWith("ready", StringComparison.Ordinal) && s.State == "Succeeded");
        var importedAt = ImportTimes();
        var pids = _cluster.State().Hosts.Values.Where(h => h.StartedAt != null).Select(h => h.Pid).Order().ToList();
        pids.Count.ShouldBe(3);

        var (exit, stdout, stderr) = await _cluster.RunbookAsync("resume", killed.Id, "--state-dir", _cluster.StateDir);

        exit.ShouldBe(0, stdout + stderr);
        (await _cluster.StatusAsync()).State.ShouldBe("Succeeded");
        ImportTimes().ShouldBe(importedAt, "a completed import ran again");
        var state = _cluster.State();
        state.Hosts.Values.Where(h => h.StartedAt != null).Select(h => h.Pid).Order().ToList().ShouldBe(pids, "the NodeHosts were started again");
        foreach (var (host, replica) in new[] { (1, 1UL), (4, 4UL), (5, 5UL) })
        {
            var r = _cluster.Replica(host, replica).ShouldNotBeNull();
            r.Imported.ShouldBeTrue();
            ShardView.Of(state, _cluster.Dir(host), r, DateTimeOffset.UtcNow).LeaderId.ShouldBe(1UL);
        }
    }

    private bool InsideTheWait()
    {
        var runs = Path.Combine(_cluster.StateDir, "runs");
        var journal = Directory.Exists(runs) ? Directory.GetFiles(runs, "journal.jsonl", SearchOption.AllDirectories).SingleOrDefault() : null;
        if (journal is null)
        {
            return false;
        }

        using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Contains("\"type\":\"StepStarted\",\"step\":\"ready\",\"item\"", StringComparison.Ordinal);
    }

    /// <summary>When each host's imported snapshot copy was written; a second import would rewrite it.</summary>
    private List<DateTime> ImportTimes()
    {
        var state = _cluster.State();
        return new[] { (1, 1UL), (4, 4UL), (5, 5UL) }
            .Select(x => Directory.GetLastWriteTimeUtc(Path.Combine(NodeHostDir.SnapshotDir(_cluster.Dir(x.Item1), state.Hosts[_cluster.Dir(x.Item1)], 100, x.Item2), ExportedSnapshot.DirName(1000))))
            .ToList();
    }
}
