using RunbookEngine.Activities;

namespace RunbookEngine.Cli;

/// <summary>Every activity the `runbook` executable ships with: the built-ins and one pack per supported system.</summary>
public static class ActivityPacks
{
    public static IEnumerable<IActivity> Create() =>
        BuiltInActivities.Create()
            .Concat(Activities.Cowsql.CowsqlActivities.Create())
            .Concat(Activities.OpenMldb.OpenMldbActivities.Create())
            .Concat(Activities.Pegasus.PegasusActivities.Create())
            .Concat(Activities.DeviceDb.DeviceDbActivities.Create())
            .Concat(Activities.Dragonboat.DragonboatActivities.Create());

    /// <summary>Registers every shipped activity with the engine's container.</summary>
    public static Hosting.RunbookEngineBuilder AddShippedActivities(this Hosting.RunbookEngineBuilder builder) =>
        builder.AddActivities(Create());
}
