namespace RunbookEngine.Activities.Process;

/// <summary>The activities of this family beyond the first set, registered by <see cref="BuiltInActivities"/>.</summary>
internal static class ProcessFamily
{
    public static IReadOnlyList<IActivity> Activities { get; } = [];
}
