using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// A literal script written in the runbook, run by <c>/bin/sh -c</c>. Values reach it only as environment variables
/// (<c>"$NAME"</c> in the script): text interpolated into a script is parsed by the shell, so a parameter such as
/// <c>x; rm -rf /</c> would run as a command. The engine evaluates <c>${{ }}</c> before the activity sees the script,
/// so interpolation cannot be detected directly; a script that contains an <c>env</c> value verbatim is the visible
/// trace of it, and is refused.
/// </summary>
internal sealed class Shell : Activity<Shell.Input, Exec.Output>
{
    public const string Interpolated = "shell.interpolated";

    /// <summary>Values this short ("1", "yes", "on") occur in scripts by coincidence; refusing them would only get in the way.</summary>
    internal const int ShortestCheckedValue = 4;

    private const string Program = "/bin/sh";

    public override string Name => "shell";

    public override string Description =>
        "Runs a literal script with /bin/sh -c; parameters are passed only as environment variables (env), never interpolated into the script.";

    public override Task<Exec.Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (InterpolatedVariable(input) is { } name)
        {
            // Not retryable: the script text does not change between attempts.
            throw new ActivityFailure(Interpolated, InterpolatedMessage(name), retryable: false);
        }

        var spec = new ProcessSpec("shell", [Program, "-c", input.Script], context.ResolvePath(input.WorkingDirectory ?? "."), input.Env,
            input.ExpectedExitCodes, input.Timeout, Display(input.Script, context.Redactor));
        return ProcessRun.RunAsync(spec, context, cancellationToken);
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var directory = context.ResolvePath(input.WorkingDirectory ?? ".");

        // Names only: env values are parameters, possibly secret in ways the redactor does not know.
        var details = new List<string> { $"in {redact.Redact(directory)}" };
        if (input.Env is { Count: > 0 } env)
        {
            details.Add("with " + string.Join(", ", env.Keys.Order(StringComparer.Ordinal).Select(redact.Redact)));
        }

        if (input.Timeout is { } timeout)
        {
            details.Add($"killed after {Durations.Format(timeout)}");
        }

        var risks = new List<PlanRisk> { new("the planner cannot see what this script changes", RiskSeverity.Medium) };
        if (InterpolatedVariable(input) is { } name)
        {
            risks.Add(new PlanRisk(InterpolatedMessage(name) + "; the step will fail", RiskSeverity.High));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = $"run shell script {Display(input.Script, redact)}",
            Effects = [new PlannedEffect(EffectKind.Exec, Program, $"{redact.Redact(input.Script)}\n({string.Join("; ", details)})")],
            Risks = risks,
        });
    }

    /// <summary>The first env variable whose value appears verbatim in the script, or null.</summary>
    internal static string? InterpolatedVariable(Input input) =>
        (input.Env ?? new Dictionary<string, string>())
            .Where(e => e.Value.Length >= ShortestCheckedValue && input.Script.Contains(e.Value, StringComparison.Ordinal))
            .Select(e => e.Key)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    // The value itself is never quoted: it may be a secret the redactor does not know.
    private static string InterpolatedMessage(string name) =>
        $"the script contains the value of env '{name}' verbatim, a sign that it was interpolated into the script; refer to it as \"${name}\" in a literal script instead";

    /// <summary>The first line of the script, shortened: enough to recognise it in a log line or an error.</summary>
    private static string Display(string script, SecretRedactor redact)
    {
        var text = redact.Redact(script.Trim());
        var firstLine = text.Split('\n')[0].TrimEnd();
        var shortened = firstLine.Length > 60 ? firstLine[..60] : firstLine;
        return "'" + shortened + (shortened.Length < text.Length ? " …'" : "'");
    }

    internal sealed record Input
    {
        [Description("The script, written literally in the runbook. Refer to parameters as \"$NAME\" and pass them in env; never interpolate ${{ }} into it.")]
        public required string Script { get; init; }

        [Description("Environment variables for the script: the only way values reach it.")]
        public IReadOnlyDictionary<string, string>? Env { get; init; }

        [Description("Working directory of the script.")]
        public string? WorkingDirectory { get; init; }

        [Description("Exit codes that count as success (default [0]).")]
        public IReadOnlyList<int>? ExpectedExitCodes { get; init; }

        [Description("Kill the script and its child processes after this long.")]
        public TimeSpan? Timeout { get; init; }
    }
}
