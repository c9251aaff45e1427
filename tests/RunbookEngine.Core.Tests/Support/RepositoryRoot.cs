namespace RunbookEngine.Core.Tests.Support;

internal static class RepositoryRoot
{
    /// <summary>The folder holding RunbookEngine.sln, found by walking up from the test binaries.</summary>
    public static string Path { get; } = RunbookEngine.Testing.Repository.Root;
}
