namespace RunbookEngine.Activities.Files;

/// <summary>The activities of this family beyond the first set, registered by <see cref="BuiltInActivities"/>.</summary>
internal static class FileFamily
{
    public static IReadOnlyList<IActivity> Activities { get; } =
    [
        new FsCopy(),
        new FsMove(),
        new FsRemove(),
        new FsMkdir(),
        new FsWrite(),
        new FsList(),
        new FsVerifyBackup(),
        new FsRestoreBackup(),
    ];
}
