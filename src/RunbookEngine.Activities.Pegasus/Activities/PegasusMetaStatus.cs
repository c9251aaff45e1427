using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Pegasus.Parsing;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Pegasus.Activities;

/// <summary>
/// Asks the meta server through the shell (<c>cluster_info</c>, <c>ls</c>) whether it serves, waits for recovery
/// (ERR_UNDER_RECOVERY) or does not answer; for a dead meta it reads the last fatal line of its log.
/// </summary>
internal sealed class PegasusMetaStatus : Activity<PegasusMetaStatus.Input, PegasusMetaStatus.Output>
{
    public const string Serving = "serving";
    public const string Recovering = "recovering";
    public const string Unreachable = "unreachable";

    public override string Name => "pegasus.meta-status";

    public override string Description =>
        "Runs cluster_info and ls in the Pegasus shell: state serving, recovering (ERR_UNDER_RECOVERY) or unreachable, the ZooKeeper root, the tables, and the meta's last fatal log line.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await PegasusShell.RunAsync(input.Shell, ["cluster_info", "ls"], context, input.Timeout, cancellationToken).ConfigureAwait(false);
        ShellStatus status;
        try
        {
            status = ShellStatus.Parse(result.Stdout);
        }
        catch (FormatException ex)
        {
            throw new ActivityFailure(PegasusShell.Unrecognized, context.Redactor.Redact($"cannot read the shell's answer to cluster_info/ls: {ex.Message}"), retryable: false);
        }

        var error = status.ClusterInfoError ?? status.ListError ?? string.Empty;
        var state = error switch
        {
            "" when status.ClusterInfo.Count > 0 => Serving,
            "ERR_UNDER_RECOVERY" => Recovering,
            "" => throw new ActivityFailure(PegasusShell.Unrecognized, "cluster_info printed no [cluster_info] values", retryable: false),
            _ => Unreachable,
        };
        var fatal = state == Unreachable ? await ReadFatalAsync(input, context, cancellationToken).ConfigureAwait(false) : string.Empty;
        var apps = status.Apps ?? [];
        return new Output
        {
            State = state,
            Error = error,
            ZookeeperRoot = status.ClusterInfo.GetValueOrDefault("zookeeper_root", string.Empty),
            ClusterName = status.ClusterInfo.GetValueOrDefault("cluster_name", string.Empty),
            Apps = apps,
            AppCount = apps.Count,
            Fatal = fatal,
        };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        var summary = output.State switch
        {
            Serving => $"meta serves {output.AppCount} tables from {output.ZookeeperRoot}",
            Recovering => "meta is in recovery mode (ERR_UNDER_RECOVERY)",
            _ => $"meta does not answer ({output.Error}){(output.Fatal.Length > 0 ? "; its log says: " + output.Fatal : string.Empty)}",
        };
        return RanDuringPlanning(output, context.Redactor.Redact(summary),
            [new PlannedEffect(EffectKind.Exec, context.Redactor.Redact(PegasusShell.Display(input.Shell, "cluster_info; ls", context)), "read-only shell commands")]);
    }

    private static async Task<string> ReadFatalAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(input.MetaLog) || !File.Exists(context.ResolvePath(input.MetaLog)))
        {
            return string.Empty;
        }

        await using var stream = new FileStream(context.ResolvePath(input.MetaLog), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Clamp(input.MetaLogOffset, 0, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return context.Redactor.Redact(MetaLog.LastFatal(text) ?? string.Empty);
    }

    internal sealed record Input
    {
        [Description("The shell's argument vector, program first: [/opt/pegasus/run.sh, shell, --cluster, 10.0.0.1:34601]. Commands go to its stdin.")]
        public required IReadOnlyList<string> Shell { get; init; }

        [Description("The meta server's log file; when the meta does not answer, its last fatal (F) line is reported.")]
        public string? MetaLog { get; init; }

        [Description("Read the meta log from this byte offset (restart-meta's metaLogOffset), so older crashes are not reported.")]
        public long MetaLogOffset { get; init; }

        [Description("Kill the shell after this long (default 5m).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("serving, recovering (every RPC answers ERR_UNDER_RECOVERY) or unreachable.")]
        public string State { get; init; } = string.Empty;

        [Description("The error the shell printed (ERR_UNDER_RECOVERY, ERR_NETWORK_FAILURE, ...); empty when serving.")]
        public string Error { get; init; } = string.Empty;

        [Description("cluster_info's zookeeper_root; empty unless serving.")]
        public string ZookeeperRoot { get; init; } = string.Empty;

        [Description("cluster_info's cluster_name; empty unless serving.")]
        public string ClusterName { get; init; } = string.Empty;

        [Description("The tables ls lists (appId, status, appName, partitionCount, replicaCount).")]
        public IReadOnlyList<AppRow> Apps { get; init; } = [];

        [Description("How many tables ls lists.")]
        public int AppCount { get; init; }

        [Description("When unreachable: the message of the meta log's last fatal line after metaLogOffset (the coredump reason); else empty.")]
        public string Fatal { get; init; } = string.Empty;
    }
}
