using RunbookEngine.Activities.Pegasus.Activities;

namespace RunbookEngine.Activities.Pegasus;

/// <summary>The pegasus activity pack.</summary>
public static class PegasusActivities
{
    public static IReadOnlyList<IActivity> Create() =>
        [new PegasusReadMetaConfig(), new PegasusMetaStatus(), new PegasusRestartMeta(), new PegasusRecover()];
}

/// <summary>Registers the pegasus pack with the engine's container.</summary>
public static class PegasusActivitiesRegistration
{
    /// <summary>Registers the pegasus pack with the engine's container.</summary>
    public static Hosting.RunbookEngineBuilder AddPegasusActivities(this Hosting.RunbookEngineBuilder builder) =>
        builder.AddActivities(PegasusActivities.Create());
}
