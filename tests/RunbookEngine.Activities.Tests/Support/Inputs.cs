using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Tests.Support;

/// <summary>Calls activities the way the engine does: through <see cref="IActivity"/>, with evaluated values.</summary>
internal static class Inputs
{
    public static Dictionary<string, object?> Of(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public static List<object?> List(params object?[] items) => [.. items];

    public static Task<IReadOnlyDictionary<string, object?>> Execute(this IActivity activity, ActivityContext context, params (string Key, object? Value)[] inputs) =>
        activity.ExecuteAsync(Of(inputs), context, CancellationToken.None);

    public static Task<ActivityPlan> Plan(this IActivity activity, ActivityContext context, params (string Key, object? Value)[] inputs) =>
        activity.PlanAsync(Of(inputs), context, CancellationToken.None);
}
