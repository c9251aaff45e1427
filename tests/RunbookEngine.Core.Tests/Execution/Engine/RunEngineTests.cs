using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Execution.States;
using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Execution.Engine;

public sealed class RunEngineTests
{
    private readonly EngineWorld _world = new();
    private readonly RecordingRecorder _recorder = new();

    private Runbook Load(string steps, string parameters = "")
    {
        var result = Runbooks.Load(Runbooks.Header + parameters + steps, activities: new ActivityCatalog(_world.Activities));
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Runbook!;
    }

    private Task<RunOutcome> Run(Runbook runbook, IApprovalGate? gate = null, RunMemory? memory = null, RunOptions? options = null, TimeProvider? time = null,
        IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken ct = default) =>
        new RunEngine(new ActivityCatalog(_world.Activities), null, _recorder, gate ?? new FixedGate(ApprovalOutcome.Approved), new ListLog(), time ?? new FakeTimeProvider { AutoAdvance = true })
            .RunAsync(runbook, parameters ?? Defaults(runbook), options ?? Options(), memory, ct);

    /// <summary>Parameters as the CLI binds them when none are given: the defaults.</summary>
    private static IReadOnlyDictionary<string, object?> Defaults(Runbook runbook) =>
        RunbookEngine.Parameters.ParameterBinder.Bind(runbook, [], null).Parameters.ShouldNotBeNull().AsDictionary();

    private static RunOptions Options(bool resumed = false, InDoubtPolicy inDoubt = InDoubtPolicy.Ask, bool acceptFacts = false) =>
        new() { RunId = "r1", WorkingDirectory = Path.GetTempPath(), StartedAt = DateTimeOffset.UnixEpoch, Resumed = resumed, InDoubt = inDoubt, AcceptChangedFacts = acceptFacts, Operator = "tester" };

    [Fact]
    public async Task Steps_run_in_order_and_later_steps_read_earlier_outputs()
    {
        var runbook = Load("""
            steps:
              - id: a
                uses: test.touch
                with: { key: first }
              - id: b
                uses: test.touch
                with: { key: "after ${{ steps.a.outputs.key }} (${{ steps.a.outputs.count }})" }
            """);

        var outcome = await Run(runbook);

        outcome.State.ShouldBe(RunState.Succeeded);
        _world.Effects.ShouldBe(["first", "after first (1)"]);
        _recorder.Lines.ShouldBe(["run started", "started a #1", "succeeded a", "started b #1", "succeeded b", "run succeeded"]);
    }

    [Fact]
    public async Task A_false_condition_skips_the_step_and_its_status_says_so()
    {
        var runbook = Load("""
            steps:
              - id: a
                uses: test.touch
                when: false
                with: { key: never }
              - id: b
                uses: test.touch
                with: { key: "a was ${{ steps.a.status }}" }
            """);

        (await Run(runbook)).State.ShouldBe(RunState.Succeeded);

        _world.Effects.ShouldBe(["a was skipped"]);
        _recorder.Lines.ShouldContain("skipped a");
    }

    [Fact]
    public async Task Foreach_runs_each_item_within_the_parallel_limit_and_collects_outputs_in_item_order()
    {
        var runbook = Load("""
            steps:
              - id: each
                uses: test.touch
                foreach: ${{ params.keys }}
                parallel: 2
                when: ${{ item != 'skip-me' }}
                with: { key: "${{ index }}:${{ item }}" }
              - id: after
                uses: test.touch
                with: { key: "${{ length(steps.each.outputs) }} ${{ steps.each.outputs[2].key }}" }
            """, "parameters:\n  keys: { type: list }\n");

        var outcome = await Run(runbook, parameters: new Dictionary<string, object?> { ["keys"] = new List<object?> { "a", "b", "c", "skip-me", "e" } });

        outcome.State.ShouldBe(RunState.Succeeded);
        _world.Effects.SkipLast(1).Order().ShouldBe(["0:a", "1:b", "2:c", "4:e"]);
        _world.Effects.Last().ShouldBe("5 2:c");
        _world.MaxInFlight.ShouldBeLessThanOrEqualTo(2);
        _recorder.Lines.ShouldContain("skipped each[3]");
    }

    [Fact]
    public async Task Retries_back_off_exponentially_on_the_engine_clock_and_journal_every_attempt()
    {
        var clock = new FakeTimeProvider { AutoAdvance = true };
        var runbook = Load("""
            steps:
              - id: flaky
                uses: test.flaky
                with: { key: k, failures: 3 }
                retry: { attempts: 4, backoff: 1s, max: 3s }
            """);

        var outcome = await Run(runbook, time: clock);

        outcome.State.ShouldBe(RunState.Succeeded);
        clock.RequestedDelays.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)]);
        _recorder.Lines.Where(l => l.StartsWith("started", StringComparison.Ordinal)).ShouldBe(["started flaky #1", "started flaky #2", "started flaky #3", "started flaky #4"]);
        _recorder.Lines.ShouldContain("retry flaky #2 in 1s");
    }

    [Fact]
    public async Task A_failure_that_is_not_retryable_is_not_retried()
    {
        var runbook = Load("""
            steps:
              - id: flaky
                uses: test.flaky
                with: { key: k, failures: 1, retryable: false }
                retry: { attempts: 5 }
            """);

        var outcome = await Run(runbook);

        outcome.State.ShouldBe(RunState.Failed);
        outcome.FailedStep.ShouldBe("flaky");
        _world.Calls["k"].ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_cancels_the_activity_and_counts_as_a_retryable_failure()
    {
        var runbook = Load("""
            steps:
              - id: stuck
                uses: test.hang
                timeout: 5s
                retry: { attempts: 2, backoff: 1s }
            """);

        var outcome = await Run(runbook);

        outcome.State.ShouldBe(RunState.Failed);
        outcome.Message.ShouldBe("did not finish within 5s");
        _recorder.Lines.Count(l => l == "failed stuck timeout").ShouldBe(2);
    }

    [Fact]
    public async Task OnFailure_continue_lets_the_run_go_on_and_the_status_is_failed()
    {
        var runbook = Load("""
            steps:
              - id: bad
                uses: test.flaky
                with: { key: k, failures: 9, retryable: false }
                onFailure: continue
              - id: after
                uses: test.touch
                with: { key: "bad was ${{ steps.bad.status }}" }
            """);

        (await Run(runbook)).State.ShouldBe(RunState.Succeeded);
        _world.Effects.ShouldBe(["bad was failed"]);
    }

    [Fact]
    public async Task OnFailure_compensate_runs_the_named_compensations_in_order_then_fails_the_run()
    {
        var runbook = Load("""
            steps:
              - id: bad
                uses: test.flaky
                with: { key: k, failures: 9, retryable: false }
                onFailure: { compensate: [undo-2, undo-1] }
              - id: never
                uses: test.touch
                with: { key: never }
            compensations:
              - id: undo-1
                uses: test.touch
                with: { key: undo-1 }
              - id: undo-2
                uses: test.touch
                with: { key: undo-2 }
            """);

        var outcome = await Run(runbook);

        outcome.State.ShouldBe(RunState.Failed);
        _world.Effects.ShouldBe(["undo-2", "undo-1"]);
        _recorder.Lines.ShouldContain("succeeded compensations/undo-2");
    }

    [Fact]
    public async Task An_approval_gate_is_asked_once_before_the_step_and_its_grant_recorded()
    {
        var gate = new FixedGate(ApprovalOutcome.Approved, "alice");
        var runbook = Load("""
            steps:
              - id: wipe
                uses: test.touch
                foreach: [a, b]
                approval: { message: "wipe ${{ length(params.nodes) }} nodes?" }
                with: { key: "${{ item }}" }
            """, "parameters:\n  nodes: { type: list, default: [x, y, z] }\n");

        (await Run(runbook, gate)).State.ShouldBe(RunState.Succeeded);

        gate.Requests.ShouldBe(["wipe: wipe 3 nodes?"]);
        _recorder.Lines.ShouldContain("approved wipe by alice");
        _world.Effects.Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task Without_an_operator_the_run_pauses_before_the_gated_step_and_a_recorded_grant_lets_it_go_on()
    {
        var runbook = Load("""
            steps:
              - id: before
                uses: test.touch
                with: { key: before }
              - id: wipe
                uses: test.touch
                approval: Really?
                with: { key: wipe }
            """);

        var paused = await Run(runbook, new FixedGate(ApprovalOutcome.Paused));
        paused.State.ShouldBe(RunState.Paused);
        paused.Message!.ShouldContain("runbook approve r1 wipe");
        _world.Effects.ShouldBe(["before"]);

        var memory = RunMemory.Empty();
        memory.Set("before", null, new RememberedStep(RememberedStatus.Succeeded, new Dictionary<string, object?>(), 1));
        memory.Approve("wipe", "bob");
        var resumed = await Run(runbook, new FixedGate(ApprovalOutcome.Paused), memory, Options(resumed: true));

        resumed.State.ShouldBe(RunState.Succeeded);
        _world.Effects.ShouldBe(["before", "wipe"]);
    }

    [Fact]
    public async Task An_activity_that_asks_an_absent_operator_pauses_the_run()
    {
        var runbook = Load("""
            steps:
              - id: confirm
                uses: test.ask
                with: { message: "keep node 1?" }
            """);

        var outcome = await Run(runbook, new FixedGate(ApprovalOutcome.Paused));

        outcome.State.ShouldBe(RunState.Paused);
        _recorder.Lines.ShouldContain("approval asked confirm: keep node 1?");
    }

    [Fact]
    public async Task Resume_never_reruns_completed_steps_or_items()
    {
        var runbook = Load("""
            steps:
              - id: a
                uses: test.touch
                with: { key: a }
              - id: each
                uses: test.touch
                foreach: [x, y, z]
                with: { key: "${{ item }}" }
            """);
        var memory = RunMemory.Empty();
        memory.Set("a", null, new RememberedStep(RememberedStatus.Succeeded, new Dictionary<string, object?> { ["count"] = 1L, ["key"] = "a" }, 1));
        memory.Set("each", 0, new RememberedStep(RememberedStatus.Succeeded, new Dictionary<string, object?> { ["count"] = 2L, ["key"] = "x" }, 1));

        (await Run(runbook, memory: memory, options: Options(resumed: true))).State.ShouldBe(RunState.Succeeded);

        _world.Effects.Order().ShouldBe(["y", "z"]);
    }

    [Fact]
    public async Task A_non_idempotent_step_in_doubt_stops_the_run_and_asks()
    {
        var runbook = Load("""
            steps:
              - id: copy
                uses: test.touch
                with: { key: copy }
            """);
        var memory = RunMemory.Empty();
        memory.Set("copy", null, new RememberedStep(RememberedStatus.InDoubt, null, 1));

        var outcome = await Run(runbook, memory: memory, options: Options(resumed: true));

        outcome.State.ShouldBe(RunState.Paused);
        outcome.Message!.ShouldContain("--rerun-in-doubt");
        _world.Effects.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Rerun", new[] { "copy", "next" })]
    [InlineData("MarkDone", new[] { "next" })]
    public async Task The_operator_decides_what_happens_to_a_step_in_doubt(string decision, string[] effects)
    {
        var policy = Enum.Parse<InDoubtPolicy>(decision);
        var runbook = Load("""
            steps:
              - id: copy
                uses: test.touch
                with: { key: copy }
              - id: next
                uses: test.touch
                with: { key: next }
            """);
        var memory = RunMemory.Empty();
        memory.Set("copy", null, new RememberedStep(RememberedStatus.InDoubt, null, 1));

        (await Run(runbook, memory: memory, options: Options(resumed: true, inDoubt: policy))).State.ShouldBe(RunState.Succeeded);

        _world.Effects.ShouldBe(effects);
        _recorder.Lines.ShouldContain($"in doubt copy {policy}");
        if (policy == InDoubtPolicy.Rerun)
        {
            _recorder.Lines.ShouldContain("started copy #2");
        }
    }

    [Fact]
    public async Task An_idempotent_step_in_doubt_is_simply_run_again()
    {
        var runbook = Load("""
            steps:
              - id: fix
                uses: test.idempotent
                with: { key: fix }
            """);
        var memory = RunMemory.Empty();
        memory.Set("fix", null, new RememberedStep(RememberedStatus.InDoubt, null, 1));

        (await Run(runbook, memory: memory, options: Options(resumed: true))).State.ShouldBe(RunState.Succeeded);

        _world.Effects.ShouldBe(["fix"]);
    }

    [Fact]
    public async Task Resuming_a_failed_run_reruns_the_failed_step()
    {
        var runbook = Load("""
            steps:
              - id: a
                uses: test.touch
                with: { key: a }
              - id: b
                uses: test.touch
                with: { key: b }
            """);
        var memory = RunMemory.Empty();
        memory.Set("a", null, new RememberedStep(RememberedStatus.Succeeded, new Dictionary<string, object?>(), 1));
        memory.Set("b", null, new RememberedStep(RememberedStatus.Failed, null, 3));

        (await Run(runbook, memory: memory, options: Options(resumed: true))).State.ShouldBe(RunState.Succeeded);

        _world.Effects.ShouldBe(["b"]);
        _recorder.Lines.ShouldContain("started b #4");
    }

    [Fact]
    public async Task A_fact_that_changed_while_the_run_was_stopped_pauses_it_before_anything_else_runs()
    {
        var runbook = Load("""
            steps:
              - id: latest
                uses: test.fact
              - id: wipe-others
                uses: test.touch
                with: { key: "keep ${{ steps.latest.outputs.value }}" }
            """);
        var memory = RunMemory.Empty();
        memory.Set("latest", null, new RememberedStep(RememberedStatus.Succeeded, new Dictionary<string, object?> { ["value"] = "node-1" }, 1));
        _world.CurrentFact = "node-2";

        var outcome = await Run(runbook, memory: memory, options: Options(resumed: true));

        outcome.State.ShouldBe(RunState.Paused);
        outcome.ChangedFacts.Single().ShouldContain("node-2");
        _world.Effects.ShouldBeEmpty();

        var accepted = await Run(runbook, memory: memory, options: Options(resumed: true, acceptFacts: true));
        accepted.State.ShouldBe(RunState.Succeeded);
        _world.Effects.ShouldBe(["keep node-1"]);
    }

    [Fact]
    public async Task A_fact_gathered_before_a_step_that_already_changed_things_is_not_compared_again()
    {
        var runbook = Load("""
            steps:
              - id: latest
                uses: test.fact
              - id: wipe-others
                uses: test.touch
                with: { key: "keep ${{ steps.latest.outputs.value }}" }
              - id: after
                uses: test.touch
                with: { key: after }
            """);
        var memory = RunMemory.Empty();
        memory.Set("latest", null, new RememberedStep(RememberedStatus.Succeeded, new Dictionary<string, object?> { ["value"] = "node-1" }, 1));
        memory.Set("wipe-others", null, new RememberedStep(RememberedStatus.Succeeded, new Dictionary<string, object?> { ["key"] = "keep node-1", ["count"] = 1L }, 1));

        // The run's own wipe is why the fact reads differently now: no pause, and the run goes on with what it saw.
        _world.CurrentFact = "node-2";
        var outcome = await Run(runbook, memory: memory, options: Options(resumed: true));

        outcome.State.ShouldBe(RunState.Succeeded);
        outcome.ChangedFacts.ShouldBeEmpty();
        _world.Effects.ShouldBe(["after"]);
    }

    [Fact]
    public async Task Steps_of_a_foreach_group_run_once_per_item_under_item_scoped_paths()
    {
        var runbook = Load("""
            steps:
              - id: nodes
                foreach: [n1, n2]
                steps:
                  - id: stop
                    uses: test.touch
                    with: { key: "stop ${{ item }}" }
                  - id: wipe
                    uses: test.touch
                    with: { key: "wipe ${{ item }} after ${{ steps.stop.outputs.key }}" }
            """);

        (await Run(runbook)).State.ShouldBe(RunState.Succeeded);

        _world.Effects.ShouldBe(["stop n1", "wipe n1 after stop n1", "stop n2", "wipe n2 after stop n2"]);
        _recorder.Lines.ShouldContain("succeeded nodes[1]/wipe");
    }

    [Fact]
    public async Task Cancelling_the_run_leaves_the_step_in_flight_unrecorded_so_it_is_in_doubt()
    {
        using var cts = new CancellationTokenSource();
        var runbook = Load("""
            steps:
              - id: stuck
                uses: test.hang
            """);

        var run = Run(runbook, time: TimeProvider.System, ct: cts.Token);
        await Task.Delay(50);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        _recorder.Lines.ShouldBe(["run started", "started stuck #1"]);
    }
}
