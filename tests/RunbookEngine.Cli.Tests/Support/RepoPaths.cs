namespace RunbookEngine.Cli.Tests.Support;

/// <summary>Locations in the source tree (not bin/), found by walking up to RunbookEngine.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Snapshots => Path.Combine(Root, "tests", "RunbookEngine.Cli.Tests", "Snapshots");

    public static string Catalog => Path.Combine(Root, "runbooks");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RunbookEngine.sln not found at or above {AppContext.BaseDirectory}");
    }
}
