using RunbookEngine.Activities;

namespace RunbookEngine.Core.Tests.Fixtures;

/// <summary>The real built-in activities, as the CLI sees them, so fixture positions match what users get.</summary>
internal static class BuiltInActivityCatalog
{
    public static IActivityCatalog Catalog { get; } = new ActivityCatalog(BuiltInActivities.Create());
}
