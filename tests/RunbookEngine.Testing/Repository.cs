namespace RunbookEngine.Testing;

/// <summary>The repository the tests were built from: the first folder above the test assembly that holds RunbookEngine.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Catalog { get; } = Path.Combine(Root, "runbooks");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no RunbookEngine.sln above " + AppContext.BaseDirectory);
    }
}
