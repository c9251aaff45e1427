using RunbookEngine.Activities.Dragonboat.Activities;

namespace RunbookEngine.Activities.Dragonboat;

/// <summary>The dragonboat activity pack.</summary>
public static class DragonboatActivities
{
    public static IReadOnlyList<IActivity> Create() =>
    [
        new DragonboatSnapshotInfo(),
        new DragonboatHostStatus(),
        new DragonboatValidateMembers(),
        new DragonboatCheckImport(),
        new DragonboatImportSnapshot(),
    ];
}

public static class DragonboatActivitiesRegistration
{
    /// <summary>Registers the dragonboat pack with the engine's container.</summary>
    public static Hosting.RunbookEngineBuilder AddDragonboatActivities(this Hosting.RunbookEngineBuilder builder) =>
        builder.AddActivities(DragonboatActivities.Create());
}
