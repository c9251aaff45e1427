using System.Collections.Concurrent;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Core.Tests.Journal;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Execution.States;
using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Execution.Engine;

/// <summary>
/// The engine writing a real journal: what is on stable storage at each fdatasync, and in which order syncs and
/// activities happen. The promise: a step's StepStarted, and everything before it, is durable before its activity
/// runs; a step's end rides on the next sync (group commit), so a run of n steps costs n + 2 syncs, not 2n + 2.
/// </summary>
public sealed class JournalRecorderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EngineWorld _world = new();
    private readonly CountingFileSync _sync = new();

    public void Dispose() => _dir.Dispose();

    private string JournalPath => Path.Combine(_dir.Path, "journal.jsonl");

    /// <summary>
    /// Runs the steps; returns, in order, each sync (the records it made durable) and, before it, the activity effects
    /// that happened since the previous sync.
    /// </summary>
    private async Task<(RunOutcome Outcome, List<string> Events)> Run(string steps)
    {
        var catalog = new ActivityCatalog(_world.Activities);
        var loaded = Runbooks.Load(Runbooks.Header + steps, activities: catalog);
        loaded.Diagnostics.Where(d => d.IsError).ShouldBeEmpty(string.Join("\n", loaded.Diagnostics));
        var events = new ConcurrentQueue<string>();
        long syncedUpTo = 0;
        var effectsSeen = 0;
        _sync.OnDataSync = path =>
        {
            foreach (var effect in _world.Effects.Skip(effectsSeen))
            {
                events.Enqueue("touch " + effect);
                effectsSeen++;
            }

            var entries = JournalReader.Read(path).Entries.Where(e => e.Seq > syncedUpTo).ToList();
            syncedUpTo = entries.Count > 0 ? entries[^1].Seq : syncedUpTo;
            events.Enqueue("sync " + string.Join(", ", entries.Select(Describe)));
        };

        RunOutcome outcome;
        using (var journal = JournalWriter.Open(JournalPath, new FakeTimeProvider(), _sync, groupCommitWindow: Timeout.InfiniteTimeSpan))
        {
            var recorder = new JournalRecorder(journal);
            var log = new ListLog();
            outcome = await new RunEngine(catalog, null, recorder, new FixedGate(ApprovalOutcome.Approved), log, new FakeTimeProvider { AutoAdvance = true })
                .RunAsync(loaded.Runbook!, new Dictionary<string, object?>(), new RunOptions
                {
                    RunId = "r1", WorkingDirectory = _dir.Path, StartedAt = DateTimeOffset.UnixEpoch, Operator = "tester",
                }, null, CancellationToken.None);
        }

        return (outcome, events.ToList());
    }

    private static string Describe(JournalEntry entry) => entry.Record switch
    {
        StepStarted s => $"started {s.Step}",
        StepSucceeded s => $"succeeded {s.Step}",
        StepSkipped s => $"skipped {s.Step}",
        StepFailed s => $"failed {s.Step}",
        var other => other.Type,
    };

    [Fact]
    public async Task Each_step_costs_one_sync_and_its_start_is_durable_before_its_activity_runs()
    {
        var (outcome, syncs) = await Run("""
            steps:
              - { id: a, uses: test.touch, with: { key: a } }
              - { id: b, uses: test.touch, when: false, with: { key: b } }
              - { id: c, uses: test.touch, with: { key: c } }
              - { id: d, uses: test.touch, with: { key: d } }
            """);

        outcome.State.ShouldBe(RunState.Succeeded);
        syncs.ShouldBe([
            "sync RunStarted",
            "sync started a",
            "touch a",
            "sync succeeded a, skipped b, started c",
            "touch c",
            "sync succeeded c, started d",
            "touch d",
            "sync succeeded d, RunSucceeded",
        ]);
        _sync.DataSyncs.ShouldBe(5, "four steps, one skipped: a sync per step that ran, plus the run's start");
    }

    [Fact]
    public async Task A_failure_is_durable_before_the_run_goes_on()
    {
        var (outcome, syncs) = await Run("""
            steps:
              - { id: a, uses: test.touch, with: { key: a } }
              - { id: broken, uses: test.flaky, onFailure: continue, with: { key: x, failures: 1, retryable: false } }
              - { id: c, uses: test.touch, with: { key: c } }
            """);

        outcome.State.ShouldBe(RunState.Succeeded);
        syncs.ShouldBe([
            "sync RunStarted",
            "sync started a",
            "touch a",
            "sync succeeded a, started broken",
            "sync failed broken",
            "sync started c",
            "touch c",
            "sync succeeded c, RunSucceeded",
        ]);
    }
}
