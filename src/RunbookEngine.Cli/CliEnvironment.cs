namespace RunbookEngine.Cli;

/// <summary>Where a command writes and reads, and whether a person is watching; tests pass string writers.</summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, bool IsTerminal, string WorkingDirectory, TextReader? Input = null)
{
    public TextReader In => Input ?? TextReader.Null;
}
