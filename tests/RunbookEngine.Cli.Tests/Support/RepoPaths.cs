namespace RunbookEngine.Cli.Tests.Support;

/// <summary>Locations in the source tree (not bin/), found by walking up to RunbookEngine.sln.</summary>
internal static class RepoPaths
{
    public static string Root => RunbookEngine.Testing.Repository.Root;

    public static string Snapshots => Path.Combine(Root, "tests", "RunbookEngine.Cli.Tests", "Snapshots");

    public static string Catalog => RunbookEngine.Testing.Repository.Catalog;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
