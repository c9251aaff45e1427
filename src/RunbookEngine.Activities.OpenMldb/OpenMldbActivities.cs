namespace RunbookEngine.Activities.OpenMldb;

/// <summary>The openmldb activity pack.</summary>
public static class OpenMldbActivities
{
    public static IReadOnlyList<IActivity> Create() => [];
}

public static class OpenMldbActivitiesRegistration
{
    /// <summary>Registers the openmldb pack with the engine's container.</summary>
    public static Hosting.RunbookEngineBuilder AddOpenMldbActivities(this Hosting.RunbookEngineBuilder builder)
    {
        foreach (var activity in OpenMldbActivities.Create())
        {
            builder.AddActivity(activity);
        }

        return builder;
    }
}
