using RunbookEngine.Catalog;

namespace RunbookEngine.Core.Tests.Fixtures;

/// <summary>Where the fixture files live in the source tree (read in place, not copied to the output).</summary>
internal static class FixturePaths
{
    private static readonly Lazy<RunbookCatalog> ValidCatalogInstance =
        new(() => RunbookCatalog.Open(ValidCatalogRoot, BuiltInActivityCatalog.Catalog));

    public static string RepoRoot { get; } = RunbookEngine.Testing.Repository.Root;

    public static string Root => Path.Combine(RepoRoot, "tests", "RunbookEngine.Core.Tests", "Fixtures");

    /// <summary>One malformed runbook per file.</summary>
    public static string Malformed => Path.Combine(Root, "Malformed");

    /// <summary>Malformed parameter files, each bound against a runbook of <see cref="ValidCatalogRoot"/>.</summary>
    public static string Parameters => Path.Combine(Root, "Parameters");

    /// <summary>Small catalogs (<c>&lt;case&gt;/runbooks/&lt;system&gt;/&lt;name&gt;.yaml</c>) for calls and catalog rules.</summary>
    public static string Catalogs => Path.Combine(Root, "Catalogs");

    /// <summary>Valid runbooks: what parameter files bind against and what malformed calls call.</summary>
    public static string ValidCatalogRoot => Path.Combine(Root, "Valid", "runbooks");

    public static RunbookCatalog ValidCatalog => ValidCatalogInstance.Value;

    /// <summary>File names (relative to <paramref name="folder"/>) for a theory, sorted so runs are reproducible.</summary>
    public static TheoryData<string> Files(string folder, string pattern)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(folder, pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
