namespace RunbookEngine.Activities.Cowsql.Tests.TestSupport;

/// <summary>The real node directories under Fixtures/ (how each was made: Fixtures/README.md).</summary>
internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Node(string fixture, int node) => Path.Combine(Root, fixture, $"node{node}");

    /// <summary>A private copy, for tests that must alter a fixture.</summary>
    public static NodeDirectoryBuilder CopyOf(string fixture, int node)
    {
        var copy = new NodeDirectoryBuilder();
        foreach (var file in Directory.EnumerateFiles(Node(fixture, node)))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        return copy;
    }
}
