using RunbookEngine.Cli;
using Microsoft.Extensions.DependencyInjection;
using RunbookEngine.Activities;
using RunbookEngine.Catalog;
using RunbookEngine.Hosting;

namespace RunbookEngine.Runbooks.Tests;

/// <summary>Paths of the repository and the product's catalog, opened once for all tests.</summary>
internal static class Repository
{
    /// <summary>The folder holding RunbookEngine.sln.</summary>
    public static string Root { get; } = RunbookEngine.Testing.Repository.Root;

    public static string CatalogRoot => Path.Combine(Root, "runbooks");

    public static string SchemaPath => Path.Combine(Root, "schemas", "runbook.schema.json");

    /// <summary>The built-in activities, registered the way the CLI does it.</summary>
    public static IActivityCatalog Activities { get; } = CreateActivities();

    private static readonly Lazy<RunbookCatalog> LazyCatalog = new(() => RunbookCatalog.Open(CatalogRoot, Activities!));

    /// <summary>The catalog in runbooks/, loaded with the built-in activities.</summary>
    public static RunbookCatalog Catalog => LazyCatalog.Value;

    public static IEnumerable<string> RunbookFiles() => RunbookEngine.Catalog.RunbookFiles.Under(CatalogRoot);

    private static IActivityCatalog CreateActivities()
    {
        var services = new ServiceCollection();
        services.AddRunbookEngine().AddShippedActivities();
        return services.BuildServiceProvider().GetRequiredService<IActivityCatalog>();
    }
}
