using System.ComponentModel;

namespace RunbookEngine.Activities.Process;

internal sealed class Exec : Activity<Exec.Input, Exec.Output>
{
    public override string Name => "exec";

    public override string Description => "Runs a program with an argument vector (never through a shell) and captures its output.";

    internal sealed record Input
    {
        [Description("Program and arguments, one list item each; no shell parsing is applied.")]
        public required IReadOnlyList<string> Command { get; init; }

        [Description("Working directory of the process.")]
        public string? WorkingDirectory { get; init; }

        [Description("Extra environment variables.")]
        public IReadOnlyDictionary<string, string>? Environment { get; init; }

        [Description("Exit codes that count as success (default [0]).")]
        public IReadOnlyList<int>? ExpectedExitCodes { get; init; }

        [Description("Kill the process after this long.")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("The process exit code.")]
        public int ExitCode { get; init; }

        [Description("Standard output (capped).")]
        public string Stdout { get; init; } = string.Empty;

        [Description("Standard error (capped).")]
        public string Stderr { get; init; } = string.Empty;
    }
}
