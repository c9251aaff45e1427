namespace RunbookEngine.Activities.Files;

/// <summary>The activities of this family beyond the first set, registered by <see cref="BuiltInActivities"/>.</summary>
internal static class FileFamily
{
    public static IReadOnlyList<IActivity> Activities { get; } = [];
}
