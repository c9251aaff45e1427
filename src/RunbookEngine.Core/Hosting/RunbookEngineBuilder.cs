using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookEngine.Activities;

namespace RunbookEngine.Hosting;

/// <summary>Registers activities: <c>services.AddRunbookEngine().AddActivity&lt;FsCopy&gt;()</c>.</summary>
public sealed class RunbookEngineBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public RunbookEngineBuilder AddActivity(IActivity activity)
    {
        Services.AddSingleton(activity);
        return this;
    }

    /// <summary>Registers a whole pack, e.g. <c>AddActivities(CowsqlActivities.Create())</c>.</summary>
    public RunbookEngineBuilder AddActivities(IEnumerable<IActivity> activities)
    {
        foreach (var activity in activities)
        {
            AddActivity(activity);
        }

        return this;
    }

    public RunbookEngineBuilder AddActivity<T>()
        where T : class, IActivity
    {
        Services.AddSingleton<IActivity, T>();
        return this;
    }
}

public static class RunbookEngineServiceCollectionExtensions
{
    public static RunbookEngineBuilder AddRunbookEngine(this IServiceCollection services)
    {
        services.TryAddSingleton<IActivityCatalog>(sp => new ActivityCatalog(sp.GetServices<IActivity>()));
        return new RunbookEngineBuilder(services);
    }
}
