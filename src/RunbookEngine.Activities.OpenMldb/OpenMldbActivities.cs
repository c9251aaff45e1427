using RunbookEngine.Activities.OpenMldb.Activities;

namespace RunbookEngine.Activities.OpenMldb;

/// <summary>The openmldb activity pack: the ns_client and tablet client commands of the DR procedures.</summary>
public static class OpenMldbActivities
{
    public static IReadOnlyList<IActivity> Create() =>
    [
        new GetAutoFailover(), new SetAutoFailover(), new ShowTablets(), new AssertTablet(), new WaitTabletHealthy(),
        new ShowTable(), new ListPartitions(), new ChooseLeaders(), new AssertNothingLoaded(), new AssertPartitionsHealthy(),
        new ShowOps(), new WaitOps(), new OfflineEndpoint(), new RecoverEndpoint(), new ChangeLeader(), new RecoverTable(),
        new UpdateTableAlive(), new LoadTable(), new GetTableStatus(), new WaitTableLoaded(),
    ];
}

public static class OpenMldbActivitiesRegistration
{
    /// <summary>Registers the openmldb pack with the engine's container.</summary>
    public static Hosting.RunbookEngineBuilder AddOpenMldbActivities(this Hosting.RunbookEngineBuilder builder) =>
        builder.AddActivities(OpenMldbActivities.Create());
}
