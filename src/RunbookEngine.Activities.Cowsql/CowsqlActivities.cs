using RunbookEngine.Activities.Cowsql.Activities;

namespace RunbookEngine.Activities.Cowsql;

/// <summary>The cowsql activity pack.</summary>
public static class CowsqlActivities
{
    public static IReadOnlyList<IActivity> Create() =>
    [
        new CowsqlInspect(),
        new CowsqlFindMostUpToDate(),
        new CowsqlReconfigure(),
        new CowsqlWriteConfig(),
        new CowsqlCheckConfig(),
        new CowsqlReplaceData(),
        new CowsqlDropSegmentsPastSnapshot(),
        new CowsqlCluster(),
        new CowsqlQuery(),
    ];
}

public static class CowsqlActivitiesRegistration
{
    /// <summary>Registers the cowsql pack with the engine's container.</summary>
    public static Hosting.RunbookEngineBuilder AddCowsqlActivities(this Hosting.RunbookEngineBuilder builder) =>
        builder.AddActivities(CowsqlActivities.Create());
}
