using System.Runtime.ExceptionServices;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Execution.States;
using RunbookEngine.Expressions;
using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Execution.Engine;

/// <summary>
/// Runs a runbook: steps in order, conditions, foreach with a parallel limit, retries with backoff, timeouts,
/// approvals, onFailure and compensations, calls to other runbooks. Every step start is recorded (durably)
/// before its activity runs and every end after, so <see cref="RunMemory"/> replayed from the record tells a
/// resumed run exactly what is done, what failed, and what is in doubt.
/// </summary>
internal sealed partial class RunEngine
{
    private readonly IActivityCatalog _activities;
    private readonly IRunbookResolver? _resolver;
    private readonly IRunRecorder _recorder;
    private readonly IApprovalGate _approvals;
    private readonly IActivityLog _log;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _recordGate = new(1, 1);
    private readonly List<string> _changedFacts = [];
    private RunMemory _memory = RunMemory.Empty();
    private RunOptions _options = null!;
    private SecretRedactor _redactor = SecretRedactor.None;
    private IReadOnlyList<Step> _order = [];
    private ExceptionDispatchInfo? _recordingFailure;

    public RunEngine(IActivityCatalog activities, IRunbookResolver? resolver, IRunRecorder recorder, IApprovalGate approvals, IActivityLog log, TimeProvider time)
    {
        _activities = activities;
        _resolver = resolver;
        _recorder = recorder;
        _approvals = approvals;
        _log = log;
        _time = time;
    }

    public async Task<RunOutcome> RunAsync(Runbook runbook, IReadOnlyDictionary<string, object?> parameters, RunOptions options, RunMemory? memory, CancellationToken cancellationToken)
    {
        _options = options;
        _recordingFailure = null;
        _memory = memory ?? RunMemory.Empty();
        _redactor = new SecretRedactor(SecretTexts(parameters.Values));
        _order = runbook.Steps.SelectMany(Flatten).ToList();
        var run = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = options.RunId,
            ["runbook"] = runbook.Name,
            ["version"] = runbook.Version.ToString(),
            ["startedAt"] = options.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["dryRun"] = false,
        };
        try
        {
            await Record(r => r.RunStartedAsync(options.Resumed, cancellationToken));
            var scope = new Scope(parameters, run);
            var (flow, outputs) = await RunRunbookAsync(runbook, scope, string.Empty, cancellationToken);
            switch (flow)
            {
                case Flow.PausedFlow paused:
                    await Record(r => r.RunPausedAsync(paused.Reason, cancellationToken));
                    return new RunOutcome(RunState.Paused, paused.Reason) { ChangedFacts = _changedFacts };
                case Flow.FailedFlow failed:
                    await Record(r => r.RunFailedAsync(failed.Path, failed.Message, cancellationToken));
                    return new RunOutcome(RunState.Failed, failed.Message, failed.Path) { ChangedFacts = _changedFacts };
                default:
                    await Record(r => r.RunSucceededAsync(cancellationToken));
                    return new RunOutcome(RunState.Succeeded) { Outputs = outputs, ChangedFacts = _changedFacts };
            }
        }
        catch (Exception) when (_recordingFailure is not null)
        {
            // Whatever a parallel item threw after the record failed, the record's failure is what ended the run.
            _recordingFailure.Throw();
            throw;
        }
    }

    /// <summary>A runbook's steps, then its compensations if a failing step asks for them, then its outputs.</summary>
    private async Task<(Flow Flow, IReadOnlyDictionary<string, object?> Outputs)> RunRunbookAsync(Runbook runbook, Scope scope, string prefix, CancellationToken ct)
    {
        var flow = await RunStepsAsync(runbook.Steps, scope, prefix, ct);
        if (flow is Flow.FailedFlow failed && failed.Step.OnFailure.Action == FailureAction.Compensate)
        {
            foreach (var id in failed.Step.OnFailure.Compensations)
            {
                if (runbook.Compensations.FirstOrDefault(c => c.Id == id) is { } compensation)
                {
                    // Compensations run even when one of them fails: each undoes something different.
                    var result = await RunStepAsync(compensation, scope, $"{prefix}compensations/{id}", ct);

                    // The loader lets a compensation read an earlier one's outputs, so they must be in scope.
                    scope.Record(id, result.Status, result.Outputs);
                    if (result.Flow is Flow.PausedFlow)
                    {
                        return (result.Flow, new Dictionary<string, object?>());
                    }
                }
            }
        }

        if (flow is not Flow.ContinueFlow)
        {
            return (flow, new Dictionary<string, object?>());
        }

        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var output in runbook.Outputs)
        {
            outputs[output.Name] = output.Value.Evaluate(scope.Context());
        }

        return (flow, outputs);
    }

    private async Task<Flow> RunStepsAsync(IEnumerable<Step> steps, Scope scope, string prefix, CancellationToken ct)
    {
        foreach (var step in steps)
        {
            var outcome = await RunStepAsync(step, scope, prefix + step.Id, ct);
            scope.Record(step.Id, outcome.Status, outcome.Outputs);
            switch (outcome.Flow)
            {
                case Flow.PausedFlow:
                    return outcome.Flow;
                case Flow.FailedFlow when step.OnFailure.Action == FailureAction.Continue:
                    _log.Warning("Step {Step} failed; onFailure is continue, so the run goes on", prefix + step.Id);
                    break;
                case Flow.FailedFlow:
                    return outcome.Flow;
            }
        }

        return Flow.Continue;
    }

    private static IEnumerable<Step> Flatten(Step step) =>
        step is GroupStep group ? new[] { step }.Concat(group.Steps.SelectMany(Flatten)) : [step];

    /// <summary>Journal writes are serialised: parallel foreach items share one journal.</summary>
    private async Task Record(Func<IRunRecorder, Task> write)
    {
        await _recordGate.WaitAsync(CancellationToken.None);
        try
        {
            await write(_recorder);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without its record the run cannot go on: no activity may start unrecorded, and a step's end that is not
            // recorded leaves it in doubt for resume. The failure ends the run; no step turns it into a step failure.
            _recordingFailure ??= ExceptionDispatchInfo.Capture(e);
            throw;
        }
        finally
        {
            _recordGate.Release();
        }
    }

    private static IEnumerable<string> SecretTexts(IEnumerable<object?> values)
    {
        foreach (var value in values)
        {
            switch (value)
            {
                case SecretValue secret:
                    yield return secret.Reveal();
                    break;
                case IReadOnlyDictionary<string, object?> map:
                    foreach (var inner in SecretTexts(map.Values))
                    {
                        yield return inner;
                    }

                    break;
                case IEnumerable<object?> list when value is not string:
                    foreach (var inner in SecretTexts(list))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }
}
