using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// The "make sure no node is running" precondition, by pid file or by command line. Read-only: it only reads /proc,
/// so it runs during planning and an approver sees a running node before approving anything.
/// </summary>
internal sealed class ProcessAssertNotRunning : Activity<ProcessAssertNotRunning.Input, NoOutputs>
{
    public const string Running = "process.running";

    public override string Name => "process.assert-not-running";

    public override string Description =>
        "Fails if a process is running: the one a pid file names, or any whose command line contains a text (read from /proc; the engine itself is ignored).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        Check(input, context, cancellationToken);
        return Task.FromResult(new NoOutputs());
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var what = Check(input, context, cancellationToken);
        return Task.FromResult(RanDuringPlanning(new NoOutputs(), $"no process is running ({what})", [new PlannedEffect(EffectKind.Read, "/proc", what)]));
    }

    /// <summary>Fails naming what runs; otherwise says what was checked.</summary>
    private static string Check(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = Find(input, context, out var what);
        if (found.Count > 0)
        {
            // Retryable: a node that is shutting down may be gone on the next attempt.
            var list = string.Join("; ", found.Take(5).Select(p => $"process {p.Pid} ({ProcessTarget.Show(p, context.Redactor)})"));
            var more = found.Count > 5 ? $" and {found.Count - 5} more" : string.Empty;
            throw new ActivityFailure(Running, $"{list}{more} {(found.Count == 1 ? "is" : "are")} running ({what}); stop {(found.Count == 1 ? "it" : "them")} first", retryable: true);
        }

        context.Log.Info("No process is running ({What})", what);
        return what;
    }

    private static List<ProcessEntry> Find(Input input, ActivityContext context, out string what)
    {
        if (input.Match is null && input.PidFile is null && input.Pid is null)
        {
            throw new ActivityInputException("match", "one of pidFile, pid or match", "give one of the inputs 'pidFile', 'pid' and 'match'");
        }

        if (input.Match is { } match)
        {
            if (input.PidFile is not null || input.Pid is not null)
            {
                throw new ActivityInputException("match", "one of pidFile, pid or match", "give exactly one of the inputs 'pidFile', 'pid' and 'match'");
            }

            if (match.Trim().Length == 0)
            {
                throw new ActivityInputException("match", "a non-empty text", "input 'match' must not be empty: it would match every process");
            }

            what = context.Redactor.Redact($"command line contains '{match}'");
            var engine = ProcessTable.SelfAndAncestors();
            return ProcessTable.All().Where(p => !engine.Contains(p.Pid) && p.CommandLine.Contains(match, StringComparison.Ordinal)).ToList();
        }

        var target = ProcessTarget.Of(input.PidFile, input.Pid, context);
        what = target.Description;
        return target.Live() is { } live ? [live] : [];
    }

    internal sealed record Input
    {
        [Description("Pid file to check (written by process.start, or a bare pid). A missing pid file means not running.")]
        public string? PidFile { get; init; }

        [Description("Process id to check.")]
        public int? Pid { get; init; }

        [Description("Text to look for in every process's command line (arguments joined by spaces), e.g. '--dir /data/node1'.")]
        public string? Match { get; init; }
    }
}
