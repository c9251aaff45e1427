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

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (input.Timeout <= TimeSpan.Zero)
        {
            throw new ActivityInputException("timeout", "a duration longer than 0s", "input 'timeout' must be longer than 0s");
        }

        var redact = context.Redactor;
        var display = redact.Redact(CommandLine.Display(input.Command));
        using var process = new System.Diagnostics.Process { StartInfo = ProcessRunner.StartInfo(input.Command, context.ResolvePath(input.WorkingDirectory ?? "."), input.Environment) };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            // Not retryable: a missing program or a bad working directory does not fix itself.
            throw new ActivityFailure(StartFailed, redact.Redact($"could not start {display}: {ex.Message}"), retryable: false, ex);
        }

        context.Log.Info("Started {Command} as process {ProcessId}", display, process.Id);
        process.StandardInput.Close();
        var keep = MaxCaptured + redact.LongestSecret;
        var stdout = OutputCapture.Start(process.StandardOutput, keep);
        var stderr = OutputCapture.Start(process.StandardError, keep);
        var started = context.TimeProvider.GetTimestamp();
        await ProcessRunner.WaitAsync(process, input.Timeout, display, context, cancellationToken).ConfigureAwait(false);

        // A background grandchild can hold the pipes open after the process exits; do not wait for it forever.
        await ProcessRunner.DrainAsync([stdout.Completion, stderr.Completion], context.TimeProvider).ConfigureAwait(false);
        var output = new Output { ExitCode = process.ExitCode, Stdout = stdout.Text(redact, MaxCaptured), Stderr = stderr.Text(redact, MaxCaptured) };
        context.Log.Info("{Command} exited with code {ExitCode} after {Elapsed}", display, output.ExitCode, Durations.Format(context.TimeProvider.GetElapsedTime(started)));
        var expected = input.ExpectedExitCodes ?? [0];
        if (!expected.Contains(output.ExitCode))
        {
            // Retryable: whether a rerun can help depends on the program; the step's retry: policy decides.
            var tail = output.Stderr.Length > 500 ? "…" + output.Stderr[^500..] : output.Stderr;
            throw new ActivityFailure(ExitCode, $"{display} exited with code {output.ExitCode} (expected {string.Join(" or ", expected)}){(tail.Length > 0 ? ": " + tail.TrimEnd() : string.Empty)}", retryable: true);
        }

        return output;
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
