using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Expressions;
using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Execution.Planning;

/// <summary>
/// Builds a <see cref="RunPlan"/>: walks the steps like the engine does, asks every activity to describe its
/// effect against the real current state, and runs read-only activities for real so later steps plan with real
/// values. Never writes: no journal, no run folder, and activities' PlanAsync changes nothing.
/// </summary>
internal sealed class Planner(IActivityCatalog activities, IRunbookResolver? resolver, TimeProvider time, string workingDirectory)
{
    private readonly List<PlannedStep> _steps = [];

    /// <summary>
    /// Set once a step that changes something has only been planned: from then on a read-only step that fails
    /// against today's state may well succeed after those changes, so it is shown as unknown, not as where the run stops.
    /// </summary>
    private bool _changesPending;
    private SecretRedactor _redactor = SecretRedactor.None;

    public async Task<RunPlan> PlanAsync(Runbook runbook, IReadOnlyDictionary<string, object?> parameters, CancellationToken ct)
    {
        _redactor = new SecretRedactor(parameters.Values.OfType<SecretValue>().Select(s => s.Reveal()));
        var run = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = "(plan)",
            ["runbook"] = runbook.Name,
            ["version"] = runbook.Version.ToString(),
            ["startedAt"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["dryRun"] = true,
        };
        await PlanStepsAsync(runbook.Steps, new Scope(parameters, run), string.Empty, ct);
        var shown = runbook.Parameters.Select(p => new KeyValuePair<string, string>(p.Name, Show(parameters.GetValueOrDefault(p.Name)))).ToList();
        return new RunPlan(runbook.Name, runbook.Version.ToString(), runbook.Metadata.Source?.ToString(), shown, _steps);
    }

    private async Task PlanStepsAsync(IEnumerable<Step> steps, Scope scope, string prefix, CancellationToken ct)
    {
        foreach (var step in steps)
        {
            var path = prefix + step.Id;
            if (step.Foreach is null)
            {
                scope.Record(step.Id, "planned", await PlanItemAsync(step, scope, path, null, ct));
                continue;
            }

            IReadOnlyList<object?>? items = null;
            try
            {
                items = step.Foreach.Evaluate(scope.Context()) as IReadOnlyList<object?>;
            }
            catch (ExpressionEvaluationException)
            {
                // Items that come from a step which only a run performs are not known yet.
            }

            if (items is null)
            {
                Add(step, path, PlannedStep.Unknown, null, null, "its items depend on results that only a run has");
                continue;
            }

            var outputs = new List<object?>();
            for (var i = 0; i < items.Count; i++)
            {
                var itemScope = scope.WithItem(items[i], i);
                outputs.Add(step is GroupStep
                    ? await PlanItemAsync(step, itemScope.Isolated(), $"{path}[{i}]", null, ct)
                    : await PlanItemAsync(step, itemScope, path, i, ct));
            }

            scope.Record(step.Id, "planned", outputs);
        }
    }

    private async Task<object?> PlanItemAsync(Step step, Scope scope, string path, int? item, CancellationToken ct)
    {
        try
        {
            if (step.When is { } when && when.Evaluate(scope.Context()) is false)
            {
                Add(step, path, PlannedStep.Skipped, item, null, "when is false");
                return null;
            }
        }
        catch (ExpressionEvaluationException)
        {
            Add(step, path, PlannedStep.Unknown, item, null, "its condition depends on results that only a run has");
        }

        switch (step)
        {
            case GroupStep group:
                await PlanStepsAsync(group.Steps, scope, path + "/", ct);
                return null;
            case CallStep call when resolver?.Resolve(call.Target).Runbook is { } callee:
                Add(step, path, PlannedStep.Planned, item, null, $"calls {callee.Identity}");
                IReadOnlyDictionary<string, object?> given;
                try
                {
                    given = call.With.ToDictionary(w => w.Key, w => w.Value.Evaluate(scope.Context()), StringComparer.Ordinal);
                }
                catch (ExpressionEvaluationException)
                {
                    given = new Dictionary<string, object?>();
                }

                var calleeScope = scope.ForCall(CallBinderLenient(callee, given));
                await PlanStepsAsync(callee.Steps, calleeScope, path + "/", ct);

                // The callee's outputs, as far as the plan knows them (e.g. a read-only search whose winner later steps use).
                var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var output in callee.Outputs)
                {
                    try
                    {
                        outputs[output.Name] = output.Value.Evaluate(calleeScope.Context());
                    }
                    catch (ExpressionEvaluationException)
                    {
                        outputs[output.Name] = null;
                    }
                }

                return outputs;
            case ActivityStep a when activities.Get(a.Activity) is { } activity:
                return await PlanActivityAsync(a, activity, scope, path, item, ct);
            default:
                Add(step, path, PlannedStep.Blocked, item, null, $"'{step.Kind}' is not available");
                return null;
        }
    }

    private async Task<object?> PlanActivityAsync(ActivityStep step, IActivity activity, Scope scope, string path, int? item, CancellationToken ct)
    {
        IReadOnlyDictionary<string, object?> inputs;
        try
        {
            var context = scope.Context();
            inputs = step.With.ToDictionary(w => w.Key, w => w.Value.Evaluate(context), StringComparer.Ordinal);
        }
        catch (ExpressionEvaluationException)
        {
            Add(step, path, PlannedStep.Unknown, item, null, "its inputs depend on results that only a run has");
            return null;
        }

        var activityContext = new ActivityContext
        {
            RunId = "(plan)",
            StepPath = path,
            ItemIndex = item,
            TimeProvider = time,
            WorkingDirectory = workingDirectory,
            Redactor = _redactor,
            Activities = activities,
        };
        try
        {
            var plan = await activity.PlanAsync(inputs, activityContext, ct);
            Add(step, path, plan.RanForReal ? PlannedStep.Ran : PlannedStep.Planned, item, plan, null);
            return plan.Outputs;
        }
        catch (ActivityFailure failure) when (_changesPending && activity.Descriptor.Traits.HasFlag(ActivityTraits.ReadOnly))
        {
            Add(step, path, PlannedStep.Unknown, item, null, $"its result depends on changes that earlier steps make (today: {_redactor.Redact(failure.Message)})");
        }
        catch (ActivityFailure failure)
        {
            Add(step, path, PlannedStep.Blocked, item, null, $"the run would stop here: {_redactor.Redact(failure.Message)}");
        }
        catch (ActivityInputException ex) when (inputs.Values.Any(v => v is null))
        {
            Add(step, path, PlannedStep.Unknown, item, null, $"its inputs depend on results that only a run has ({_redactor.Redact(ex.Message)})");
        }
        catch (ActivityInputException ex)
        {
            Add(step, path, PlannedStep.Blocked, item, null, _redactor.Redact(ex.Message));
        }

        return null;
    }

    private static IReadOnlyDictionary<string, object?> CallBinderLenient(Runbook callee, IReadOnlyDictionary<string, object?> given) =>
        callee.Parameters.ToDictionary(p => p.Name, p => given.GetValueOrDefault(p.Name) ?? (p.HasDefault ? p.Default : null), StringComparer.Ordinal);

    private void Add(Step step, string path, string status, int? item, ActivityPlan? plan, string? note)
    {
        var traits = step is ActivityStep a ? activities.Find(a.Activity)?.Traits ?? ActivityTraits.None : ActivityTraits.None;
        if (status == PlannedStep.Planned && !traits.HasFlag(ActivityTraits.ReadOnly) && plan?.Effects.Any(e => e.Kind != EffectKind.Read) == true)
        {
            _changesPending = true;
        }

        _steps.Add(new PlannedStep(path, step.Title ?? step.Id, step.Kind, traits, status, item, plan, note));
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        SecretValue => "***",
        string s => s,
        _ => System.Text.Json.JsonSerializer.Serialize(RunEngine.Jsonable(value)),
    };
}
