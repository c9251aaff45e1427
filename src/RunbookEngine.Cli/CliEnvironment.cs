namespace RunbookEngine.Cli;

/// <summary>Where a command writes and reads, and whether a person is watching; tests pass string writers.</summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, bool IsTerminal, string WorkingDirectory, TextReader? Input = null)
{
    public TextReader In => Input ?? TextReader.Null;

    /// <summary>
    /// Whether a driven run takes over SIGINT, SIGTERM and SIGHUP (see <see cref="Running.ShutdownSignals"/>). Only
    /// the real process does; a test hosting the CLI in its own process keeps the runner's signals.
    /// </summary>
    public bool HandlesSignals { get; init; }

    /// <summary>Environment variables (secrets may come from <c>RUNBOOK_SECRET_*</c>); tests pass their own.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;
}
