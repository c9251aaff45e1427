using System.Text.Json;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Expressions;
using RunbookEngine.Format;
using RunbookEngine.Model;

namespace RunbookEngine.Execution.Engine;

internal sealed partial class RunEngine
{
    /// <summary>
    /// Runs an activity or a call: start recorded, then the work with its timeout, then success or failure recorded;
    /// retryable failures are retried with exponential backoff on the engine's clock.
    /// </summary>
    private async Task<StepOutcome> RunAttemptsAsync(Step step, Scope scope, string path, int? item, int attemptsSoFar, CancellationToken ct)
    {
        var maxAttempts = step.Retry?.Attempts ?? 1;
        for (var attempt = 1; ; attempt++)
        {
            var number = attemptsSoFar + attempt;
            await Record(r => r.StepStartedAsync(path, item, number, ct));
            _memory.Set(path, item, new RememberedStep(RememberedStatus.InDoubt, null, number));
            _log.Info(number > 1 ? "{Step} ({Kind}) attempt {Attempt}" : "{Step} ({Kind})", Label(path, item), step.Kind, number);
            string errorType, message;
            bool retryable;
            try
            {
                var result = await ExecuteOnceAsync(step, scope, path, item, number, ct);
                var outputs = EvaluateOutputs(step, scope, result);
                await Record(r => r.StepSucceededAsync(path, item, outputs, ct));
                _memory.Set(path, item, new RememberedStep(RememberedStatus.Succeeded, outputs, number));
                _log.Info("{Step} done", Label(path, item));
                return new StepOutcome(StepOutcome.Succeeded, outputs, Flow.Continue);
            }
            catch (PauseRequested pause)
            {
                await Record(r => r.ApprovalRequestedAsync(path, pause.Message, string.Empty, ct));
                _memory.Set(path, item, new RememberedStep(RememberedStatus.AwaitingApproval, null, number));
                return new StepOutcome(StepOutcome.Skipped, null, new Flow.PausedFlow(pause.Message));
            }
            catch (ActivityFailure failure)
            {
                (errorType, message, retryable) = (failure.ErrorType, failure.Message, failure.Retryable);
            }
            catch (ActivityInputException ex)
            {
                (errorType, message, retryable) = ("input", ex.Message, false);
            }
            catch (ExpressionEvaluationException ex)
            {
                (errorType, message, retryable) = ("expression", ex.Message, false);
            }
            catch (StepTimeout timeout)
            {
                (errorType, message, retryable) = ("timeout", $"did not finish within {Durations.Format(timeout.After)}", true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && _recordingFailure is null)
            {
                // A bug in an activity must not take the engine down with it; the step fails and says so. A failed
                // record (a nested call's, a parallel item's) is not a step failure: it ends the run (see Record).
                (errorType, message, retryable) = ("unexpected", $"{ex.GetType().Name}: {ex.Message}", false);
            }

            message = _redactor.Redact(message);
            await Record(r => r.StepFailedAsync(path, item, errorType, message, retryable, ct));
            if (!retryable || attempt >= maxAttempts)
            {
                _memory.Set(path, item, new RememberedStep(RememberedStatus.Failed, null, number));
                _log.Warning("Step {Step} failed ({ErrorType}): {Message}", Label(path, item), errorType, message);
                return new StepOutcome(StepOutcome.Failed, null, new Flow.FailedFlow(step, path, message));
            }

            var delay = step.Retry!.DelayBefore(attempt + 1);
            await Record(r => r.RetryScheduledAsync(path, item, number + 1, delay, ct));
            _log.Warning("Step {Step} failed ({Message}); attempt {Next} of {Max} in {Delay}", Label(path, item), message, attempt + 1, maxAttempts, Durations.Format(delay));
            await Task.Delay(delay, _time, ct);
        }
    }

    private async Task<object?> ExecuteOnceAsync(Step step, Scope scope, string path, int? item, int attempt, CancellationToken ct)
    {
        using var timeout = step.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var token = linked?.Token ?? ct;
        try
        {
            return step switch
            {
                ActivityStep a => await ExecuteActivityAsync(a, scope, path, item, attempt, token),
                CallStep c => await ExecuteCallAsync(c, scope, path, token),
                _ => throw new InvalidOperationException($"step kind {step.GetType().Name} has no attempts"),
            };
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !ct.IsCancellationRequested)
        {
            throw new StepTimeout(step.Timeout!.Value);
        }
    }

    private async Task<object?> ExecuteActivityAsync(ActivityStep step, Scope scope, string path, int? item, int attempt, CancellationToken ct)
    {
        var activity = _activities.Get(step.Activity)
            ?? throw new ActivityFailure("activity.unknown", $"activity '{step.Activity}' is not installed", retryable: false);
        var inputs = EvaluateWith(step.With, scope);
        var context = new ActivityContext
        {
            RunId = _options.RunId,
            StepPath = path,
            ItemIndex = item,
            Attempt = attempt,
            TimeProvider = _time,
            WorkingDirectory = _options.WorkingDirectory,
            Log = _log,
            Redactor = _redactor,
            Approvals = new StepApprovalGate(_approvals, _memory, path),
            Activities = _activities,
            Programs = _options.Programs,
        };
        try
        {
            return await activity.ExecuteAsync(inputs, context, ct);
        }
        catch (ActivityPausedException paused)
        {
            throw new PauseRequested(_redactor.Redact(paused.Message));
        }
    }

    private async Task<object?> ExecuteCallAsync(CallStep step, Scope scope, string path, CancellationToken ct)
    {
        var callee = _resolver?.Resolve(step.Target).Runbook
            ?? throw new ActivityFailure("runbook.not-found", $"runbook '{step.Target}' cannot be loaded", retryable: false);
        var parameters = CallBinder.Bind(callee, EvaluateWith(step.With, scope));
        var (flow, outputs) = await RunRunbookAsync(callee, scope.ForCall(parameters), path + "/", ct);
        return flow switch
        {
            Flow.PausedFlow p => throw new PauseRequested(p.Reason),
            Flow.FailedFlow f => throw new ActivityFailure("runbook.failed", $"{callee.Identity} failed at {f.Path}: {f.Message}", retryable: false),
            _ => outputs,
        };
    }

    /// <summary>
    /// On resume, read-only steps run again: they are cheap and harmless, and the facts they gathered (which node
    /// is most up-to-date) may have changed while the run was stopped. A change pauses the run before the next
    /// step that is not read-only.
    /// </summary>
    private async Task<StepOutcome> RecheckFactAsync(ActivityStep step, Scope scope, string path, int? item, RememberedStep remembered, CancellationToken ct)
    {
        if (!_options.Resumed || remembered.Attempts == 0)
        {
            return new StepOutcome(StepOutcome.Succeeded, remembered.Outputs, Flow.Continue);
        }

        object? fresh;
        try
        {
            fresh = EvaluateOutputs(step, scope, await ExecuteOnceAsync(step, scope, path, item, remembered.Attempts, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _changedFacts.Add($"{Label(path, item)} can no longer be checked: {_redactor.Redact(ex.Message)}");
            return new StepOutcome(StepOutcome.Succeeded, remembered.Outputs, Flow.Continue);
        }

        var before = JsonSerializer.Serialize(Jsonable(remembered.Outputs));
        var after = JsonSerializer.Serialize(Jsonable(fresh));
        if (before != after)
        {
            _changedFacts.Add($"{Label(path, item)}: was {_redactor.Redact(before)}, now {_redactor.Redact(after)}");
            _log.Warning("Fact changed since the interruption: {Step} was {Before}, now {After}", Label(path, item), before, after);
        }

        return new StepOutcome(StepOutcome.Succeeded, remembered.Outputs, Flow.Continue);
    }

    private static IReadOnlyDictionary<string, object?> EvaluateWith(IReadOnlyList<KeyValuePair<string, ValueTemplate>> with, Scope scope)
    {
        var context = scope.Context();
        return with.ToDictionary(w => w.Key, w => w.Value.Evaluate(context), StringComparer.Ordinal);
    }

    /// <summary>The activity's outputs plus the step's own outputs: entries, which see them as <c>result</c>.</summary>
    private static object? EvaluateOutputs(Step step, Scope scope, object? result)
    {
        if (step.Outputs.Count == 0)
        {
            return result;
        }

        var merged = result is IReadOnlyDictionary<string, object?> map
            ? new Dictionary<string, object?>(map, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        var context = scope.Context(result, withResult: true);
        foreach (var output in step.Outputs)
        {
            merged[output.Name] = output.Value.Evaluate(context);
        }

        return merged;
    }

    /// <summary>Values as JSON sees them, secrets hidden: for comparing facts and for the journal.</summary>
    internal static object? Jsonable(object? value) => value switch
    {
        SecretValue => "***",
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Jsonable(kv.Value)),
        IEnumerable<object?> list when value is not string => list.Select(Jsonable).ToList(),
        _ => value,
    };

    private static string Label(string path, int? item) => item is null ? path : $"{path}[{item}]";

    /// <summary>An operator is needed inside a step (flow.approve, or a called runbook that paused).</summary>
    private sealed class PauseRequested(string message) : Exception(message);

    private sealed class StepTimeout(TimeSpan after) : Exception($"timed out after {after}")
    {
        public TimeSpan After { get; } = after;
    }
}
