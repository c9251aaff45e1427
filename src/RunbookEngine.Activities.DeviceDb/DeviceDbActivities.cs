using RunbookEngine.Activities.DeviceDb.Activities;

namespace RunbookEngine.Activities.DeviceDb;

/// <summary>The devicedb activity pack.</summary>
public static class DeviceDbActivities
{
    public static IReadOnlyList<IActivity> Create() =>
    [
        new DeviceDbOverview(),
        new DeviceDbCompareOverviews(),
        new DeviceDbSnapshot(),
        new DeviceDbWaitSnapshot(),
        new DeviceDbDownloadSnapshot(),
        new DeviceDbVerifySnapshot(),
    ];
}

/// <summary>Registers the devicedb pack with the engine's container.</summary>
public static class DeviceDbActivitiesRegistration
{
    /// <summary>Registers the devicedb pack with the engine's container.</summary>
    public static Hosting.RunbookEngineBuilder AddDeviceDbActivities(this Hosting.RunbookEngineBuilder builder) =>
        builder.AddActivities(DeviceDbActivities.Create());
}
