using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Flow;

/// <summary>Polls another activity: each poll runs it with the same inputs, and its outputs become <c>result</c>.</summary>
internal sealed class ActivitySource : PollSource
{
    private static ActivityCatalog? _builtIn;
    private readonly IActivity _activity;
    private readonly IReadOnlyDictionary<string, object?> _inputs;

    private ActivitySource(IActivity activity, IReadOnlyDictionary<string, object?> inputs)
    {
        _activity = activity;
        _inputs = inputs;
    }

    public override string Display => _activity.Name;

    /// <summary>
    /// Finds the activity in the engine's catalog (built-ins only when the caller has none). Destructive activities are
    /// refused: polling runs them over and over. So is flow.wait-until itself, whose timeouts would multiply.
    /// </summary>
    public static ActivitySource Of(string name, IReadOnlyDictionary<string, object?>? inputs, ActivityContext context)
    {
        var catalog = context.Activities ?? (_builtIn ??= new ActivityCatalog(BuiltInActivities.Create()));
        var activity = catalog.Get(name) ?? throw new ActivityInputException("activity", "the name of an installed activity",
            context.Redactor.Redact($"input 'activity' names '{name}', which is not installed"));
        if (activity.Name == FlowWaitUntil.ActivityName || activity.Descriptor.Traits.HasFlag(ActivityTraits.Destructive))
        {
            throw new ActivityInputException("activity", "a non-destructive activity other than flow.wait-until",
                $"input 'activity' names '{activity.Name}', which cannot be polled: {(activity.Name == FlowWaitUntil.ActivityName ? "waits do not nest" : "it is destructive, and polling runs it again and again")}");
        }

        return new ActivitySource(activity, inputs ?? new Dictionary<string, object?>());
    }

    public override async Task<object?> ReadAsync(ActivityContext context, bool quiet, CancellationToken cancellationToken) =>
        await _activity.ExecuteAsync(_inputs, Inner(context, quiet), cancellationToken).ConfigureAwait(false);

    public override async Task<(IReadOnlyList<PlannedEffect> Effects, IReadOnlyList<PlanRisk> Risks, object? Now, bool Known)> PlanAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        try
        {
            // A read-only activity runs for real while planning; its outputs tell whether the wait would end at once.
            var plan = await _activity.PlanAsync(_inputs, context, cancellationToken).ConfigureAwait(false);
            return (plan.Effects, plan.Risks, plan.Outputs, plan.RanForReal);
        }
        catch (ActivityFailure failure) when (failure.Retryable)
        {
            return ([], [new PlanRisk($"{_activity.Name} fails now ({failure.Message}); the wait retries it", RiskSeverity.Low)], null, false);
        }
    }

    private static ActivityContext Inner(ActivityContext context, bool quiet) => new()
    {
        RunId = context.RunId,
        StepPath = context.StepPath,
        ItemIndex = context.ItemIndex,
        Attempt = context.Attempt,
        TimeProvider = context.TimeProvider,
        WorkingDirectory = context.WorkingDirectory,
        Log = new QuietLog(context.Log, quiet),
        Progress = context.Progress,
        Redactor = context.Redactor,
        Approvals = context.Approvals,
        Activities = context.Activities,
    };
}
