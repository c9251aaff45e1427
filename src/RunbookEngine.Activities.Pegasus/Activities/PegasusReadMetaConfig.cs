using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Pegasus.Parsing;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Pegasus.Activities;

/// <summary>
/// Reads the meta server's config.ini: the ZooKeeper root, the lock path, the recovery flag and the ZooKeeper hosts.
/// It changes nothing and reads for real during planning, but is deliberately not declared ReadOnly: its outputs are
/// the configuration *before* the runbook edits it (what compensation restores), and the engine re-reads ReadOnly
/// facts on resume, which would always report this one as changed.
/// </summary>
internal sealed class PegasusReadMetaConfig : Activity<PegasusReadMetaConfig.Input, PegasusReadMetaConfig.Output>
{
    public const string Missing = "pegasus.config-missing";
    public const string Invalid = "pegasus.config-invalid";

    public override string Name => "pegasus.read-meta-config";

    public override string Description =>
        "Reads [meta_server] cluster_root, distributed_lock_service_parameters, recover_from_replica_server and [zookeeper] hosts_list from a meta server's config.ini (also during plan).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var path = context.ResolvePath(input.Path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new ActivityFailure(Missing, context.Redactor.Redact($"cannot read the meta config {path}: {ex.Message}"), retryable: false);
        }

        var config = MetaConfig.Parse(text);
        var root = config.Get("meta_server", "cluster_root");
        if (string.IsNullOrEmpty(root))
        {
            throw new ActivityFailure(Invalid, context.Redactor.Redact($"{path} has no [meta_server] cluster_root; is it a meta server's config.ini?"), retryable: false);
        }

        var flag = config.Get("meta_server", "recover_from_replica_server") ?? "false";
        if (flag is not ("true" or "false"))
        {
            throw new ActivityFailure(Invalid, context.Redactor.Redact($"{path}: [meta_server] recover_from_replica_server is '{flag}', expected true or false"), retryable: false);
        }

        return new Output
        {
            ClusterRoot = root,
            LockServiceParameters = config.Get("meta_server", "distributed_lock_service_parameters") ?? string.Empty,
            RecoverFromReplicaServer = flag == "true",
            ZookeeperHosts = config.Get("zookeeper", "hosts_list") ?? string.Empty,
        };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        return RanDuringPlanning(output,
            context.Redactor.Redact($"config.ini: cluster_root = {output.ClusterRoot}, recover_from_replica_server = {(output.RecoverFromReplicaServer ? "true" : "false")}"),
            [new PlannedEffect(EffectKind.Read, context.Redactor.Redact(context.ResolvePath(input.Path)), "[meta_server] and [zookeeper]")]);
    }

    internal sealed record Input
    {
        [Description("The meta server's config.ini.")]
        public required string Path { get; init; }
    }

    internal sealed record Output
    {
        [Description("[meta_server] cluster_root: the ZooKeeper path holding the cluster's metadata.")]
        public string ClusterRoot { get; init; } = string.Empty;

        [Description("[meta_server] distributed_lock_service_parameters (empty when absent).")]
        public string LockServiceParameters { get; init; } = string.Empty;

        [Description("[meta_server] recover_from_replica_server (false when absent).")]
        public bool RecoverFromReplicaServer { get; init; }

        [Description("[zookeeper] hosts_list (empty when absent).")]
        public string ZookeeperHosts { get; init; } = string.Empty;
    }
}
