using RunbookEngine.Cli;
using Microsoft.Extensions.DependencyInjection;
using RunbookEngine.Activities;
using RunbookEngine.Hosting;

namespace RunbookEngine.Cli.Tests.Support;

/// <summary>The activity catalog the CLI uses.</summary>
internal static class BuiltIns
{
    public static IActivityCatalog Activities { get; } =
        new ServiceCollection().AddRunbookEngine().AddShippedActivities().Services.BuildServiceProvider().GetRequiredService<IActivityCatalog>();
}
