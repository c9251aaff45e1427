using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Pegasus.Parsing;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Pegasus.Activities;

/// <summary>
/// Sends start_recovery with the shell's <c>recover -f</c> (seed 004; systems.md §2.3-2.4): the meta rebuilds every
/// table and partition from the listed replica servers and writes them to its new ZooKeeper root. Every WARNING and
/// ERROR hint is logged and returned; anything but ERR_OK fails the step with all of them in the message.
/// </summary>
internal sealed class PegasusRecover : Activity<PegasusRecover.Input, PegasusRecover.Output>
{
    public const string Failed = "pegasus.recover-failed";
    public const string Rejected = "pegasus.recover-rejected";
    public const string TimedOut = "pegasus.recover-timeout";

    public override string Name => "pegasus.recover";

    public override string Description =>
        "Runs 'recover -f <node list file>' in the Pegasus shell to rebuild the meta's tables from replica servers; reports every WARNING/ERROR hint; fails unless the result is ERR_OK.";

    // Destructive: with the skip flags it accepts lost replicas or empties partitions. Not idempotent: after ERR_OK
    // a second request answers ERR_SERVICE_ALREADY_RUNNING, so a step left in doubt needs an operator's look.
    public override ActivityTraits Traits => ActivityTraits.Destructive;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var command = Command(input, context);
        var result = await PegasusShell.RunAsync(input.Shell, [command], context, input.Timeout, cancellationToken).ConfigureAwait(false);
        RecoverOutput? parsed;
        try
        {
            parsed = RecoverOutput.Parse(result.Stdout);
        }
        catch (FormatException ex)
        {
            throw new ActivityFailure(PegasusShell.Unrecognized, context.Redactor.Redact($"cannot read the recover output: {ex.Message}"), retryable: false);
        }

        if (parsed is null)
        {
            // recovery.cpp prints argument problems (open file failed, parse failed, no node) on stderr before any header.
            var why = result.Stderr.Trim().Length > 0 ? result.Stderr.Trim() : "the shell printed no recover header";
            throw new ActivityFailure(Rejected, context.Redactor.Redact($"the shell rejected '{command}': {why}"), retryable: false);
        }

        if (parsed.Result is null)
        {
            var what = parsed.TimedOut ? "Wait recovery failed, administrator should check the meta for progress" : "no 'Recover result' line";
            throw new ActivityFailure(TimedOut, context.Redactor.Redact($"recover got no answer within {parsed.WaitSeconds}s ({what}); check the meta server before retrying"), retryable: false);
        }

        foreach (var hint in parsed.Hints)
        {
            context.Log.Warning("recover hint: {Hint}", context.Redactor.Redact(hint.Message));
        }

        var output = ToOutput(parsed);
        if (parsed.Result != "ERR_OK")
        {
            var hints = parsed.Hints.Count == 0 ? "no hint" : string.Join("; ", parsed.Hints.Select(h => h.Message));
            var advice = Advice(output);
            var retryable = output.Errors.Count > 0 && output.Errors.All(e => e.Contains("skip_bad_nodes", StringComparison.Ordinal));
            throw new ActivityFailure(Failed, context.Redactor.Redact($"Recover result: {parsed.Result}: {hints}{advice}"), retryable);
        }

        context.Log.Info("Recover result: ERR_OK from {Nodes} nodes with {Warnings} warnings", output.Nodes.Count, output.Warnings.Count);
        return output;
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var command = Command(input, context);
        var file = context.ResolvePath(input.NodeListFile);
        var nodes = File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not ('#' or ';')).ToList()
            : null;
        var risks = new List<PlanRisk>();
        var atStake = new List<string>();
        if (input.SkipBadNodes)
        {
            risks.Add(new PlanRisk("--skip_bad_nodes: replica servers that do not answer are left out; partitions with replicas on them come back with fewer replicas, and writes only those replicas had are lost", RiskSeverity.High));
            atStake.Add("writes held only by replicas on unreachable replica servers");
        }

        if (input.SkipLostPartitions)
        {
            risks.Add(new PlanRisk("--skip_lost_partitions: a partition with no replica collected is re-created EMPTY; all of its data is lost", RiskSeverity.High));
            atStake.Add("every row of partitions no listed replica server holds");
        }

        if (!input.SkipBadNodes && !input.SkipLostPartitions)
        {
            risks.Add(new PlanRisk("without skip flags, one unreachable node or one partition without replicas makes the meta answer ERR_TRY_AGAIN and nothing is recovered", RiskSeverity.Low));
        }

        var nodeText = nodes is null ? $"the nodes in {file} (written by an earlier step)" : $"{nodes.Count} nodes ({string.Join(", ", nodes)})";
        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact($"send start_recovery for {nodeText}: {PegasusShell.Display(input.Shell, command, context)}"),
            Effects = [new PlannedEffect(EffectKind.Exec, redact.Redact(input.Shell[0]), redact.Redact(PegasusShell.Display(input.Shell, command, context)))],
            Risks = risks,
            DataAtStake = atStake.Count == 0 ? null : string.Join("; ", atStake),
        });
    }

    private static string Command(Input input, ActivityContext context)
    {
        if (input.Shell.Count == 0)
        {
            throw new ActivityInputException("shell", "the shell's argument vector, program first", "input 'shell' must name the program");
        }

        if (input.WaitSeconds <= 0)
        {
            throw new ActivityInputException("waitSeconds", "a positive number of seconds", "input 'waitSeconds' must be positive");
        }

        var file = context.ResolvePath(input.NodeListFile);
        PegasusShell.CheckArgument("nodeListFile", file);
        var words = new List<string> { "recover", "-f", file, "-w", input.WaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (input.SkipBadNodes)
        {
            words.Add("--skip_bad_nodes");
        }

        if (input.SkipLostPartitions)
        {
            words.Add("--skip_lost_partitions");
        }

        return string.Join(' ', words);
    }

    private static Output ToOutput(RecoverOutput parsed)
    {
        static List<string> Between(IEnumerable<RecoveryHint> hints, string prefix) =>
            hints.Select(h => h.Message).Where(m => m.Contains(prefix, StringComparison.Ordinal))
                .Select(m => m[(m.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..])
                .Select(m => m[..m.IndexOf(')', StringComparison.Ordinal)]).ToList();

        var hints = parsed.Hints;
        return new Output
        {
            Result = parsed.Result ?? string.Empty,
            Nodes = parsed.Nodes,
            Hints = hints,
            Warnings = hints.Where(h => h.Level == "WARNING").Select(h => h.Message).ToList(),
            Errors = hints.Where(h => h.Level == "ERROR").Select(h => h.Message).ToList(),
            BadNodes = Between(hints.Where(h => h.Message.Contains("collect app and replica info", StringComparison.Ordinal)), "from node("),
            IncompletePartitions = Between(hints.Where(h => h.Message.Contains("only collects", StringComparison.Ordinal)), "partition("),
            LostPartitions = Between(hints.Where(h => h.Message.Contains("has no replica collected", StringComparison.Ordinal)), "partition("),
        };
    }

    private static string Advice(Output output)
    {
        var advice = new List<string>();
        if (output.Errors.Any(e => e.Contains("skip_bad_nodes", StringComparison.Ordinal)))
        {
            advice.Add("bring the unreachable replica servers back, or remove them from the node list, or (accepting lost writes) set skipBadNodes");
        }

        if (output.Errors.Any(e => e.Contains("skip_lost_partitions", StringComparison.Ordinal)))
        {
            advice.Add("find a replica server that still holds the lost partitions and add it to the node list, or (accepting that they come back empty) set skipLostPartitions");
        }

        return advice.Count == 0 ? string.Empty : ". To go on: " + string.Join("; ", advice);
    }

    internal sealed record Input
    {
        [Description("The shell's argument vector, program first: [/opt/pegasus/run.sh, shell, --cluster, 10.0.0.1:34601]. Commands go to its stdin.")]
        public required IReadOnlyList<string> Shell { get; init; }

        [Description("The recover_node_list file: one replica server host:port per line; '#' and ';' lines are comments. No spaces in the path.")]
        public required string NodeListFile { get; init; }

        [Description("--skip_bad_nodes: leave out replica servers that do not answer (their replicas' newest writes may be lost). Default false.")]
        public bool SkipBadNodes { get; init; }

        [Description("--skip_lost_partitions: re-create partitions no node holds as EMPTY (their data is lost). Default false.")]
        public bool SkipLostPartitions { get; init; }

        [Description("-w: seconds the shell waits for the meta's answer (default 100, as the shell).")]
        public int WaitSeconds { get; init; } = 100;

        [Description("Kill the shell after this long (default 5m; keep it above waitSeconds).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("The meta's answer: ERR_OK (the step fails on anything else).")]
        public string Result { get; init; } = string.Empty;

        [Description("The node list the shell sent.")]
        public IReadOnlyList<string> Nodes { get; init; } = [];

        [Description("Every hint line, in order, as {level, message}.")]
        public IReadOnlyList<RecoveryHint> Hints { get; init; } = [];

        [Description("The WARNING hint lines.")]
        public IReadOnlyList<string> Warnings { get; init; } = [];

        [Description("The ERROR hint lines (empty on ERR_OK).")]
        public IReadOnlyList<string> Errors { get; init; } = [];

        [Description("Replica servers that could not be reached (skipped with skipBadNodes).")]
        public IReadOnlyList<string> BadNodes { get; init; } = [];

        [Description("Partitions (app.pidx) recovered with fewer replicas than configured: possible data loss.")]
        public IReadOnlyList<string> IncompletePartitions { get; init; } = [];

        [Description("Partitions (app.pidx) with no replica; with skipLostPartitions they were re-created empty.")]
        public IReadOnlyList<string> LostPartitions { get; init; } = [];
    }
}
