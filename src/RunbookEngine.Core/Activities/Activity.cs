using RunbookEngine.Activities.Binding;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Activities;

/// <summary>
/// Base of typed activities: inputs are a record bound from <c>with:</c>, outputs a record readable as
/// <c>steps.&lt;id&gt;.outputs</c>. The descriptor is derived from the two types, so the loader, the JSON
/// Schema and the documentation can never disagree with the code.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
    where TInput : class
    where TOutput : class
{
    private ActivityDescriptor? _descriptor;

    public abstract string Name { get; }

    public abstract string Description { get; }

    public virtual ActivityTraits Traits => ActivityTraits.None;

    /// <summary>Built once on first use; runbooks may be loaded on several threads, which then all see the same instance.</summary>
    public ActivityDescriptor Descriptor => Volatile.Read(ref _descriptor) ?? Publish(new ActivityDescriptor(
        Name,
        Description,
        Traits,
        TypeShapes.Fields(typeof(TInput)),
        TypeShapes.Fields(typeof(TOutput))));

    private ActivityDescriptor Publish(ActivityDescriptor built) =>
        Interlocked.CompareExchange(ref _descriptor, built, null) ?? built;

    /// <summary>Does the work; honour <paramref name="cancellationToken"/> and redact every message with <see cref="ActivityContext.Redactor"/>.</summary>
    public abstract Task<TOutput> ExecuteAsync(TInput input, ActivityContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Describes the work without doing it. The default runs <see cref="ActivityTraits.ReadOnly"/> activities for
    /// real (they change nothing, and later steps then plan with real outputs) and gives any other activity a
    /// generic "would run" line; activities that change things should override it with their real effects.
    /// </summary>
    public virtual async Task<ActivityPlan> PlanAsync(TInput input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (Traits.HasFlag(ActivityTraits.ReadOnly))
        {
            var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
            return RanDuringPlanning(output, $"{Name}: ran during planning (read-only)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var inputs = ValueFormatter.ToJson(OutputConverter.ToValues(input), out _);
        return new ActivityPlan
        {
            Summary = context.Redactor.Redact($"would run {Name} with {inputs}"),
            Destructive = Traits.HasFlag(ActivityTraits.Destructive),
            Risks = [new PlanRisk($"{Name} does not describe its effects; the plan cannot show what it would change", RiskSeverity.Medium)],
        };
    }

    /// <summary>The plan of a read-only activity that ran during planning: its real outputs, and what it found.</summary>
    protected static ActivityPlan RanDuringPlanning(TOutput output, string summary, IReadOnlyList<PlannedEffect>? effects = null) =>
        new() { Summary = summary, RanForReal = true, Outputs = OutputConverter.ToValues(output), Effects = effects ?? [] };

    async Task<IReadOnlyDictionary<string, object?>> IActivity.ExecuteAsync(IReadOnlyDictionary<string, object?> inputs, ActivityContext context, CancellationToken cancellationToken)
    {
        var input = InputBinder.Bind<TInput>(inputs);
        var output = await Unexpected.Wrap(() => ExecuteAsync(input, context, cancellationToken), context, cancellationToken).ConfigureAwait(false);
        return OutputConverter.ToValues(output);
    }

    async Task<ActivityPlan> IActivity.PlanAsync(IReadOnlyDictionary<string, object?> inputs, ActivityContext context, CancellationToken cancellationToken)
    {
        var input = InputBinder.Bind<TInput>(inputs);
        var plan = await Unexpected.Wrap(() => PlanAsync(input, context, cancellationToken), context, cancellationToken).ConfigureAwait(false);

        // The trait is a promise to the approver; an override cannot quietly drop it.
        return Traits.HasFlag(ActivityTraits.Destructive) ? plan with { Destructive = true } : plan;
    }
}

/// <summary>Output of activities that produce none.</summary>
public sealed record NoOutputs;
