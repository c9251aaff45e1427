using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Execution.Engine;

/// <summary>
/// The run's record cannot be written (the state directory's disk is full). Whatever the record was, the run ends
/// with that failure: no activity starts without its start record, and a step whose end was not recorded is not
/// turned into a step failure (which would go on to compensations or to the next step).
/// </summary>
public sealed class RecordingFailureTests
{
    private readonly EngineWorld _world = new();
    private readonly RecordingRecorder _recorder = new();

    private ActivityCatalog Catalog => new([.. _world.Activities, new TestActivities.Echo()]);

    private Runbook Load(string steps, IRunbookResolver? resolver = null)
    {
        var result = Runbooks.Load(Runbooks.Header + steps, resolver, Catalog);
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Runbook!;
    }

    private Task<RunOutcome> Run(Runbook runbook, IRunbookResolver? resolver = null) =>
        new RunEngine(Catalog, resolver, _recorder, new FixedGate(ApprovalOutcome.Approved), new ListLog(), new FakeTimeProvider { AutoAdvance = true })
            .RunAsync(runbook, new Dictionary<string, object?>(), new RunOptions { RunId = "r1", WorkingDirectory = Path.GetTempPath(), StartedAt = DateTimeOffset.UnixEpoch, Operator = "tester" }, null, CancellationToken.None);

    private const string ThreeSteps = """
        steps:
          - id: a
            uses: test.touch
            with: { key: a }
          - id: b
            uses: test.touch
            with: { key: b }
            onFailure:
              compensate: [undo]
          - id: c
            uses: test.touch
            with: { key: c }
        compensations:
          - id: undo
            uses: test.touch
            with: { key: undo }
        """;

    [Fact]
    public async Task A_start_that_cannot_be_recorded_starts_nothing()
    {
        _recorder.FailAt = "started b";

        var thrown = await Should.ThrowAsync<IOException>(() => Run(Load(ThreeSteps)));

        thrown.ShouldBeSameAs(_recorder.Failure);
        _world.Effects.ShouldBe(["a"]);
        _recorder.Lines.ShouldBe(["run started", "started a #1", "succeeded a"]);
    }

    [Fact]
    public async Task An_end_that_cannot_be_recorded_is_not_made_a_step_failure()
    {
        _recorder.FailAt = "succeeded b";

        var thrown = await Should.ThrowAsync<IOException>(() => Run(Load(ThreeSteps)));

        // Before, the engine caught it as an "unexpected" failure of b and tried to record that and compensate.
        thrown.ShouldBeSameAs(_recorder.Failure);
        _world.Effects.ShouldBe(["a", "b"]);
        _recorder.Lines.ShouldBe(["run started", "started a #1", "succeeded a", "started b #1"]);
    }

    [Fact]
    public async Task Parallel_items_start_nothing_unrecorded_after_the_failure_and_the_failure_is_what_the_run_throws()
    {
        var runbook = Load("""
            steps:
              - id: each
                uses: test.touch
                foreach: [1, 2, 3, 4, 5, 6, 7, 8]
                parallel: 3
                with: { key: "item ${{ item }}" }
            """);
        _recorder.FailAt = "succeeded each[2]";

        var thrown = await Should.ThrowAsync<IOException>(() => Run(runbook));

        thrown.ShouldBeSameAs(_recorder.Failure);
        // Every effect has its start on record; items whose turn came after the failure never ran.
        var started = _recorder.Lines.Count(l => l.StartsWith("started each[", StringComparison.Ordinal));
        _world.Effects.Count.ShouldBe(started, string.Join(", ", _recorder.Lines));
        started.ShouldBeLessThan(8);
        _recorder.Lines.ShouldNotContain(l => l.StartsWith("failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_inside_a_called_runbook_ends_the_caller_too()
    {
        var resolver = new MemoryResolver().Add("lib/inner", "1.0.0", """
            steps:
              - id: first
                uses: test.echo
                with: { message: one }
              - id: second
                uses: test.echo
                with: { message: two }
            """);
        var runbook = Load("""
            steps:
              - id: call
                uses: runbook:lib/inner@1.0.0
              - id: after
                uses: test.touch
                with: { key: after }
            """, resolver);
        _recorder.FailAt = "started call/second";

        var thrown = await Should.ThrowAsync<IOException>(() => Run(runbook, resolver));

        // Not "call failed (runbook.failed)" and on to the next step: the record is what failed.
        thrown.ShouldBeSameAs(_recorder.Failure);
        _recorder.Lines.ShouldBe(["run started", "started call #1", "started call/first #1", "succeeded call/first"]);
        _world.Effects.ShouldBeEmpty();
    }
}
