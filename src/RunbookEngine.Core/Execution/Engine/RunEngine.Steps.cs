using System.Security.Cryptography;
using System.Text;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Expressions;
using RunbookEngine.Model;

namespace RunbookEngine.Execution.Engine;

internal sealed partial class RunEngine
{
    private async Task<StepOutcome> RunStepAsync(Step step, Scope scope, string path, CancellationToken ct)
    {
        // A whole step (foreach included) recorded as done is not looked at again, not even its items.
        if (_memory.Find(path, null) is { Status: RememberedStatus.Succeeded } done && step.Foreach is not null)
        {
            return new StepOutcome(StepOutcome.Succeeded, done.Outputs, Flow.Continue);
        }

        if (step.Approval is not null && await ApproveAsync(step, scope, path, ct) is { } notApproved)
        {
            return notApproved;
        }

        if (step.Foreach is null)
        {
            return await RunItemAsync(step, scope, path, null, ct);
        }

        IReadOnlyList<object?> items;
        try
        {
            items = step.Foreach.Evaluate(scope.Context()) as IReadOnlyList<object?>
                ?? throw new ExpressionEvaluationException("foreach did not give a list", 0, 0);
        }
        catch (ExpressionEvaluationException ex)
        {
            return await FailWithoutAttemptAsync(step, path, null, "expression", $"foreach: {ex.Message}", ct);
        }

        var results = new StepOutcome[items.Count];
        using var slots = new SemaphoreSlim(Math.Max(1, step.Parallel ?? items.Count));
        var tasks = items.Select(async (item, i) =>
        {
            await slots.WaitAsync(ct);
            try
            {
                var itemScope = step is GroupStep ? scope.WithItem(item, i).Isolated() : scope.WithItem(item, i);
                // Steps inside a foreach group run once per item: their paths carry the item, e.g. nodes[2]/wipe.
                results[i] = step is GroupStep
                    ? await RunItemAsync(step, itemScope, $"{path}[{i}]", null, ct)
                    : await RunItemAsync(step, itemScope, path, i, ct);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);

        var outputs = results.Select(r => r.Outputs).ToList();
        if (results.FirstOrDefault(r => r.Flow is Flow.PausedFlow) is { } paused)
        {
            return paused with { Outputs = outputs };
        }

        if (results.FirstOrDefault(r => r.Flow is Flow.FailedFlow) is { } failed)
        {
            return failed with { Outputs = outputs };
        }

        var status = results.Length > 0 && results.All(r => r.Status == StepOutcome.Skipped) ? StepOutcome.Skipped : StepOutcome.Succeeded;
        await Record(r => r.StepSucceededAsync(path, null, outputs, ct));
        _memory.Set(path, null, new RememberedStep(RememberedStatus.Succeeded, outputs, 0));
        return new StepOutcome(status, outputs, Flow.Continue);
    }

    /// <summary>Asks once per step (not per item); a grant recorded earlier, e.g. by 'runbook approve', is reused.</summary>
    private async Task<StepOutcome?> ApproveAsync(Step step, Scope scope, string path, CancellationToken ct)
    {
        if (_memory.ApprovedBy(path) is not null)
        {
            return null;
        }

        string message;
        try
        {
            message = _redactor.Redact(Render(step.Approval!.Message.Evaluate(scope.Context())));
        }
        catch (ExpressionEvaluationException ex)
        {
            return await FailWithoutAttemptAsync(step, path, null, "expression", $"approval message: {ex.Message}", ct);
        }

        // The operator approves this step and what follows it; the hash pins exactly that, so a grant recorded
        // for one plan is visibly not a grant for another.
        var following = Following(step);
        var planHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{path}\n{message}\n{string.Join('\n', following)}")));
        await Record(r => r.ApprovalRequestedAsync(path, message, planHash, ct));
        var decision = await _approvals.RequestAsync(new ApprovalRequest(path, message, following), ct);
        switch (decision.Outcome)
        {
            case ApprovalOutcome.Approved:
                var by = decision.By ?? _options.Operator;
                await Record(r => r.ApprovalGrantedAsync(path, by, planHash, ct));
                _memory.Approve(path, by);
                return null;
            case ApprovalOutcome.Denied:
                return await FailWithoutAttemptAsync(step, path, null, "approval.denied",
                    $"approval denied{(decision.By is null ? string.Empty : " by " + decision.By)}{(decision.Reason is null ? string.Empty : ": " + decision.Reason)}", ct);
            default:
                return new StepOutcome(StepOutcome.Skipped, null, new Flow.PausedFlow(
                    $"step '{path}' waits for approval: {message} (approve with 'runbook approve {_options.RunId} {path}', then 'runbook resume {_options.RunId}')"));
        }
    }

    private async Task<StepOutcome> RunItemAsync(Step step, Scope scope, string path, int? item, CancellationToken ct)
    {
        var remembered = _memory.Find(path, item);
        var attemptsSoFar = remembered?.Attempts ?? 0;
        if (_options.Resumed && attemptsSoFar > 0 && !(step is ActivityStep changes && IsReadOnly(changes)))
        {
            // This step already started before the interruption and may have changed things: facts gathered before it
            // describe the world before the run's own work, so comparing them now would only report that work.
            _changedFacts.Clear();
        }

        switch (remembered?.Status)
        {
            case RememberedStatus.Succeeded when step is ActivityStep a && IsReadOnly(a) && HasOutputs(a):
                return await RecheckFactAsync(a, scope, path, item, remembered, ct);
            case RememberedStatus.Succeeded:
                return new StepOutcome(StepOutcome.Succeeded, remembered.Outputs, Flow.Continue);
            case RememberedStatus.Skipped:
                return new StepOutcome(StepOutcome.Skipped, null, Flow.Continue);
            case RememberedStatus.InDoubt when step is not GroupStep:
                if (await ResolveInDoubtAsync(step, path, item, ct) is { } resolved)
                {
                    return resolved;
                }

                break;
        }

        try
        {
            if (step.When is { } when && when.Evaluate(scope.Context()) is not true)
            {
                await Record(r => r.StepSkippedAsync(path, item, "when is false", ct));
                _memory.Set(path, item, new RememberedStep(RememberedStatus.Skipped, null, attemptsSoFar));
                return new StepOutcome(StepOutcome.Skipped, null, Flow.Continue);
            }
        }
        catch (ExpressionEvaluationException ex)
        {
            return await FailWithoutAttemptAsync(step, path, item, "expression", $"when: {ex.Message}", ct);
        }

        if (_changedFacts.Count > 0 && !_options.AcceptChangedFacts && !(step is ActivityStep s && IsReadOnly(s)))
        {
            return new StepOutcome(StepOutcome.Skipped, null, new Flow.PausedFlow(
                $"facts gathered before the interruption changed ({string.Join("; ", _changedFacts)}); review them, then resume with --accept-changed-facts"));
        }

        if (step is GroupStep group)
        {
            return await RunGroupAsync(group, scope, path, ct);
        }

        return await RunAttemptsAsync(step, scope, path, item, attemptsSoFar, ct);
    }

    private async Task<StepOutcome> RunGroupAsync(GroupStep group, Scope scope, string path, CancellationToken ct)
    {
        var flow = await RunStepsAsync(group.Steps, scope, path + "/", ct);
        if (flow is not Flow.ContinueFlow)
        {
            return new StepOutcome(flow is Flow.FailedFlow ? StepOutcome.Failed : StepOutcome.Skipped, null, flow);
        }

        try
        {
            var outputs = EvaluateOutputs(group, scope, null);
            return new StepOutcome(StepOutcome.Succeeded, outputs, Flow.Continue);
        }
        catch (ExpressionEvaluationException ex)
        {
            return await FailWithoutAttemptAsync(group, path, null, "expression", $"outputs: {ex.Message}", ct);
        }
    }

    /// <summary>
    /// A step that started but never finished may have done part or all of its work. Idempotent activities are
    /// simply run again; anything else needs the operator's word, given by --rerun-in-doubt or --mark-in-doubt-done.
    /// </summary>
    private async Task<StepOutcome?> ResolveInDoubtAsync(Step step, string path, int? item, CancellationToken ct)
    {
        var idempotent = step is ActivityStep a && _activities.Get(a.Activity)?.Descriptor.Traits.HasFlag(ActivityTraits.Idempotent) == true;
        var decision = idempotent ? InDoubtPolicy.Rerun : _options.InDoubt;
        var label = item is null ? path : $"{path}[{item}]";
        switch (decision)
        {
            case InDoubtPolicy.Rerun:
                await Record(r => r.InDoubtResolvedAsync(path, item, InDoubtPolicy.Rerun, idempotent ? "engine (idempotent activity)" : _options.Operator, ct));
                _log.Warning("Step {Step} was running when the engine stopped; running it again", label);
                return null;
            case InDoubtPolicy.MarkDone:
                await Record(r => r.InDoubtResolvedAsync(path, item, InDoubtPolicy.MarkDone, _options.Operator, ct));
                var empty = new Dictionary<string, object?>();
                await Record(r => r.StepSucceededAsync(path, item, empty, ct));
                _memory.Set(path, item, new RememberedStep(RememberedStatus.Succeeded, empty, 0));
                _log.Warning("Step {Step} was running when the engine stopped; marked done by {Operator}", label, _options.Operator);
                return new StepOutcome(StepOutcome.Succeeded, empty, Flow.Continue);
            default:
                return new StepOutcome(StepOutcome.Skipped, null, new Flow.PausedFlow(
                    $"step '{label}' was running when the engine stopped and may have done part of its work; check it, then resume with --rerun-in-doubt (run it again) or --mark-in-doubt-done (it completed)"));
        }
    }

    /// <summary>Facts are outputs: a read-only step without outputs (flow.log) has nothing to re-check.</summary>
    private bool HasOutputs(ActivityStep step) => step.Outputs.Count > 0 || _activities.Get(step.Activity)?.Descriptor.Outputs.Count > 0;

    /// <summary>The gated step and the steps after it, as lines an operator reads before approving.</summary>
    private IReadOnlyList<string> Following(Step gated)
    {
        var index = _order.ToList().IndexOf(gated);
        return (index < 0 ? [gated] : _order.Skip(index)).Where(s => s is not GroupStep).Select(s =>
        {
            var traits = s is ActivityStep a ? _activities.Get(a.Activity)?.Descriptor.Traits ?? ActivityTraits.None : ActivityTraits.None;
            var effect = traits.HasFlag(ActivityTraits.Destructive) ? "  DESTRUCTIVE" : traits.HasFlag(ActivityTraits.ReadOnly) ? "  read-only" : string.Empty;
            return $"{s.Id} ({s.Kind}){(s.Title is null ? string.Empty : " — " + s.Title)}{(s.Foreach is null ? string.Empty : ", for each item")}{effect}";
        }).ToList();
    }

    private bool IsReadOnly(ActivityStep step) => _activities.Get(step.Activity)?.Descriptor.Traits.HasFlag(ActivityTraits.ReadOnly) == true;

    private async Task<StepOutcome> FailWithoutAttemptAsync(Step step, string path, int? item, string errorType, string message, CancellationToken ct)
    {
        message = _redactor.Redact(message);
        await Record(r => r.StepFailedAsync(path, item, errorType, message, false, ct));
        _memory.Set(path, item, new RememberedStep(RememberedStatus.Failed, null, _memory.Find(path, item)?.Attempts ?? 0));
        return new StepOutcome(StepOutcome.Failed, null, new Flow.FailedFlow(step, path, message));
    }

    private static string Render(object? value) => value switch
    {
        null => string.Empty,
        SecretValue s => s.Reveal(),
        string s => s,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
