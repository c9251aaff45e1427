// Not "using System.Diagnostics": its ActivityContext (tracing) would clash with ours.
using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Process;

internal sealed class Exec : Activity<Exec.Input, Exec.Output>
{
    public const string StartFailed = "exec.start-failed";
    public const string ExitCode = "exec.exit-code";
    public const string TimedOut = "exec.timeout";

    /// <summary>Characters of stdout and of stderr kept; outputs feed expressions and the journal, not bulk data.</summary>
    internal const int MaxCaptured = 64 * 1024;

    public override string Name => "exec";

    public override string Description => "Runs a program with an argument vector (never through a shell) and captures its output.";

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var display = context.Redactor.Redact(CommandLine.Display(input.Command));
        var spec = new ProcessSpec("exec", input.Command, context.ResolvePath(input.WorkingDirectory ?? "."), input.Environment, input.ExpectedExitCodes, input.Timeout, display);
        return ProcessRun.RunAsync(spec, context, cancellationToken);
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var display = redact.Redact(CommandLine.Display(input.Command));
        var directory = context.ResolvePath(input.WorkingDirectory ?? ".");

        // Environment values can be secrets that the redactor does not know (built from a secret and a string); names only.
        var details = new List<string> { $"in {redact.Redact(directory)}" };
        if (input.Environment is { Count: > 0 } environment)
        {
            details.Add("with " + string.Join(", ", environment.Keys.Order(StringComparer.Ordinal).Select(redact.Redact)));
        }

        if (input.Timeout is { } timeout)
        {
            details.Add($"killed after {Durations.Format(timeout)}");
        }

        var risks = new List<PlanRisk> { new("the planner cannot see what this program changes", RiskSeverity.Medium) };
        if (input.Command.Count == 0 || !CommandLine.CanFind(input.Command[0], directory))
        {
            risks.Add(new PlanRisk(redact.Redact($"program '{input.Command.FirstOrDefault()}' was not found; the step will fail"), RiskSeverity.High));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = $"run {display}",
            Effects = [new PlannedEffect(EffectKind.Exec, redact.Redact(input.Command.FirstOrDefault() ?? string.Empty), $"{display} ({string.Join("; ", details)})")],
            Risks = risks,
        });
    }

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
