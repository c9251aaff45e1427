using System.Text;

namespace RunbookEngine.Cli.Tests.Support;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
internal sealed record CliResult(IReadOnlyList<string> Args, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// The run as a snapshot reads it: the command line, the exit code, then both streams, with line endings
    /// and the paths of the repository and of test folders normalised to &lt;repo&gt; and &lt;tmp&gt;.
    /// </summary>
    public string ToSnapshot()
    {
        var text = new StringBuilder()
            .Append("$ runbook ").AppendJoin(' ', Args.Select(Quote)).Append('\n')
            .Append("exit: ").Append(ExitCode).Append('\n')
            .Append("--- stdout ---\n").Append(Stdout)
            .Append(Stdout.Length == 0 || Stdout.EndsWith('\n') ? string.Empty : "\n")
            .Append("--- stderr ---\n").Append(Stderr)
            .Append(Stderr.Length == 0 || Stderr.EndsWith('\n') ? string.Empty : "\n")
            .ToString();
        return CliRunner.Normalise(text);
    }

    /// <summary>Compares <see cref="ToSnapshot"/> with Snapshots/&lt;name&gt;.txt; returns the result for further checks.</summary>
    public CliResult ShouldMatchSnapshot(string name)
    {
        Snapshot.Match(name, ToSnapshot());
        return this;
    }

    /// <summary>Nothing a user reads may look like a crash.</summary>
    public CliResult ShouldNotShowStackTrace()
    {
        foreach (var text in new[] { Stdout, Stderr })
        {
            text.ShouldNotContain("   at ", Case.Sensitive, "a stack trace reached the user");
            text.ShouldNotContain("Exception", Case.Sensitive, "an exception reached the user");
            text.ShouldNotContain("internal error", Case.Sensitive);
        }

        return this;
    }

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? $"'{arg}'" : arg;
}

/// <summary>Runs the CLI in-process with string writers and no terminal, as a script or CI job would see it.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>With exactly these environment variables (none of the test process's own).</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = await CliApp.RunAsync(args, new CliEnvironment(stdout, stderr, IsTerminal: false, workingDirectory) { Variables = name => environment.GetValueOrDefault(name) });
        return new CliResult(args, exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Runs with the repository root as working directory.</summary>
    public static Task<CliResult> RunInRepoAsync(params string[] args) => RunAsync(RepoPaths.Root, args);

    public static string Normalise(string text) =>
        TempDir.Normalise(text.ReplaceLineEndings("\n"))
            .Replace(RepoPaths.Root, "<repo>", StringComparison.Ordinal)
            // Help names the root command after the executable: 'runbook' when installed, the test host here.
            .Replace($"Usage:\n  {System.CommandLine.RootCommand.ExecutableName} ", "Usage:\n  runbook ", StringComparison.Ordinal);
}
