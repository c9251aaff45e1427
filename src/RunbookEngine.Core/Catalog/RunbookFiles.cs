namespace RunbookEngine.Catalog;

/// <summary>Which files count as runbooks when a folder is given.</summary>
internal static class RunbookFiles
{
    public static IEnumerable<string> Under(string directory) =>
        Directory.EnumerateFiles(directory, "*.*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = System.IO.FileAttributes.Hidden })
            .Where(IsRunbookFile)
            .Order(StringComparer.Ordinal);

    public static bool IsRunbookFile(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);
}
