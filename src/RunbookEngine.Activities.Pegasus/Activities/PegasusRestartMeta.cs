using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Pegasus.Parsing;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.Pegasus.Activities;

/// <summary>
/// Restarts the meta server with the operator's own stop and start commands (onebox: <c>run.sh stop_onebox_instance
/// -m 1</c>; production: the service manager), noting where its log ends so a later status check reports only a crash
/// of this start. The plan says what the meta will do with the config.ini it will read.
/// </summary>
internal sealed class PegasusRestartMeta : Activity<PegasusRestartMeta.Input, PegasusRestartMeta.Output>
{
    public override string Name => "pegasus.restart-meta";

    public override string Description =>
        "Stops then starts the meta server with the given commands (argument vectors); the cluster is unavailable meanwhile. Running it twice only restarts again.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        Check(input);
        var offset = LogLength(input, context);
        var stop = await ToolRunner.RunAsync(PegasusShell.Family, input.StopCommand, context, cancellationToken, input.Timeout, expectedExitCodes: [0]).ConfigureAwait(false);
        var start = await ToolRunner.RunAsync(PegasusShell.Family, input.StartCommand, context, cancellationToken, input.Timeout, expectedExitCodes: [0]).ConfigureAwait(false);
        context.Log.Info("Meta server restarted; it reads its config.ini now");
        return new Output { MetaLogOffset = offset, StopOutput = stop.Stdout.Trim(), StartOutput = start.Stdout.Trim() };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Check(input);
        var redact = context.Redactor;
        var stop = ToolRunner.Display(input.StopCommand, context);
        var start = ToolRunner.Display(input.StartCommand, context);
        var risks = new List<PlanRisk> { new("the meta server is down until it has started again: no table can be created, moved or failed over meanwhile", RiskSeverity.Medium) };
        foreach (var program in new[] { input.StopCommand[0], input.StartCommand[0] }.Distinct())
        {
            if (!ToolRunner.CanFind(program, context))
            {
                risks.Add(new PlanRisk(redact.Redact($"program '{program}' was not found; the step will fail"), RiskSeverity.High));
            }
        }

        var expectation = Expectation(input, context);
        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact($"restart the meta server: {stop}, then {start}. {expectation}"),
            Effects = [new PlannedEffect(EffectKind.Exec, redact.Redact(input.StopCommand[0]), redact.Redact(stop)), new PlannedEffect(EffectKind.Exec, redact.Redact(input.StartCommand[0]), redact.Redact(start))],
            Risks = risks,
        });
    }

    /// <summary>What the documented start-up rules (systems.md §2.5) make of the configuration the meta will read.</summary>
    private static string Expectation(Input input, ActivityContext context)
    {
        if (input.ExpectRecoveryMode is { } recovery)
        {
            return recovery
                ? "It should come up in recovery mode (recover_from_replica_server = true): only if its cluster_root is empty in ZooKeeper; a root holding tables makes it coredump."
                : "It should come up serving the tables under its cluster_root (recover_from_replica_server = false); on an empty root it would coredump at the first config sync.";
        }

        if (string.IsNullOrEmpty(input.ConfigPath) || !File.Exists(context.ResolvePath(input.ConfigPath)))
        {
            return "It reads its config.ini on start.";
        }

        var config = MetaConfig.Parse(File.ReadAllText(context.ResolvePath(input.ConfigPath)));
        return $"config.ini now says cluster_root = {config.Get("meta_server", "cluster_root")}, recover_from_replica_server = {config.Get("meta_server", "recover_from_replica_server") ?? "false"}.";
    }

    private static long LogLength(Input input, ActivityContext context) =>
        string.IsNullOrEmpty(input.MetaLog) || !File.Exists(context.ResolvePath(input.MetaLog)) ? 0 : new FileInfo(context.ResolvePath(input.MetaLog)).Length;

    private static void Check(Input input)
    {
        if (input.StopCommand.Count == 0 || input.StartCommand.Count == 0)
        {
            throw new ActivityInputException(input.StopCommand.Count == 0 ? "stopCommand" : "startCommand", "an argument vector, program first", "the stop and start commands must name a program");
        }
    }

    internal sealed record Input
    {
        [Description("Stops the meta server, e.g. [./run.sh, stop_onebox_instance, -m, '1'] or [systemctl, stop, pegasus-meta]. Must exit 0.")]
        public required IReadOnlyList<string> StopCommand { get; init; }

        [Description("Starts the meta server, e.g. [./run.sh, start_onebox_instance, -m, '1']. Must exit 0.")]
        public required IReadOnlyList<string> StartCommand { get; init; }

        [Description("The meta's config.ini, for the plan to say what the meta will read.")]
        public string? ConfigPath { get; init; }

        [Description("What earlier steps of this runbook set recover_from_replica_server to; the plan states the expected outcome (plans do not edit the file, so it may still hold the old value).")]
        public bool? ExpectRecoveryMode { get; init; }

        [Description("The meta server's log file; its length before the restart becomes metaLogOffset.")]
        public string? MetaLog { get; init; }

        [Description("Kill each command after this long (default 5m).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("Length of metaLog before the restart (0 without one): pass it to pegasus.meta-status.")]
        public long MetaLogOffset { get; init; }

        [Description("What the stop command printed.")]
        public string StopOutput { get; init; } = string.Empty;

        [Description("What the start command printed.")]
        public string StartOutput { get; init; } = string.Empty;
    }
}
