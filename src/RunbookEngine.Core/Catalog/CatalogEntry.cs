using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Catalog;

/// <summary>One runbook file of the catalog, read without following its calls.</summary>
/// <param name="ExpectedName">The name its path implies: runbooks/cowsql/restore.yaml → cowsql/restore.</param>
internal sealed record CatalogEntry(string Path, string ExpectedName, LoadResult Shallow)
{
    public RunbookMetadata? Metadata => Shallow.Metadata;

    public string Name => Metadata?.Name is { Length: > 0 } name ? name : ExpectedName;
}
