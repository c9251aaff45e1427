namespace RunbookEngine.Activities.Archives;

/// <summary>The activities of this family beyond the first set, registered by <see cref="BuiltInActivities"/>.</summary>
internal static class ArchiveFamily
{
    public static IReadOnlyList<IActivity> Activities { get; } = [new ArchiveExtract(), new ArchiveCreate()];
}
