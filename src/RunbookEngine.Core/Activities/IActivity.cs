using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities;

/// <summary>
/// An activity plugin, as the engine sees it: untyped values in, untyped values out. Plugins derive from
/// <see cref="Activity{TInput,TOutput}"/>, which binds the values to typed records.
/// </summary>
public interface IActivity
{
    /// <summary>The name runbooks use in <c>uses:</c>; known without reflection so catalogs index cheaply.</summary>
    string Name { get; }

    ActivityDescriptor Descriptor { get; }

    /// <summary>
    /// Does the work. <paramref name="inputs"/> are the evaluated <c>with:</c> values; the result is
    /// <c>steps.&lt;id&gt;.outputs</c>. Throws <see cref="ActivityFailure"/> (expected failure, with error type and
    /// retryability), <see cref="ActivityInputException"/> (values do not fit), <see cref="ActivityPausedException"/>
    /// (needs an absent operator) or <see cref="OperationCanceledException"/> (the token was cancelled).
    /// </summary>
    Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(IReadOnlyDictionary<string, object?> inputs, ActivityContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Describes what <see cref="ExecuteAsync"/> would do, against the real current state, without changing it.
    /// Read-only activities run for real here (see <see cref="ActivityPlan.RanForReal"/>), so they can also throw
    /// <see cref="ActivityFailure"/>: the planner reports that the run would stop there.
    /// </summary>
    Task<ActivityPlan> PlanAsync(IReadOnlyDictionary<string, object?> inputs, ActivityContext context, CancellationToken cancellationToken);
}
