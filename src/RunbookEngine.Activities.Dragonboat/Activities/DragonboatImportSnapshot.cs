using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Dragonboat.Tool;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.Dragonboat.Activities;

/// <summary>
/// Runs tools.ImportSnapshot on one host through the operator's import tool: the replica's history is rewritten to
/// the snapshot and the new membership (systems.md 4.2 effects). Destructive: log entries after the snapshot index
/// are gone. Idempotent: importing the same snapshot with the same members again gives the same result.
/// </summary>
internal sealed class DragonboatImportSnapshot : Activity<ImportInput, ImportOutput>
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public override string Name => "dragonboat.import-snapshot";

    public override string Description => "Imports an exported snapshot on one stopped NodeHost with a rewritten membership (tools.ImportSnapshot); later log entries are lost.";

    public override ActivityTraits Traits => ActivityTraits.Destructive | ActivityTraits.Idempotent;

    public override async Task<ImportOutput> ExecuteAsync(ImportInput input, ActivityContext context, CancellationToken cancellationToken)
    {
        var redact = context.Redactor;
        context.Log.Info("Importing {Snapshot} on {Address} as replica {Replica}", redact.Redact(input.SnapshotDir), redact.Redact(input.RaftAddress), input.ReplicaId);
        var stdout = await ImportTool.ImportAsync(input.Arguments(), dryRun: false, input.Timeout ?? DefaultTimeout, context, cancellationToken).ConfigureAwait(false);
        var facts = ImportTool.Parse(ToolOutput.ParseImport, stdout, "import", context);
        if (facts.DryRun)
        {
            throw new ActivityFailure(ImportTool.UnexpectedOutput, "the tool reports a dry run although no -dry-run was given", retryable: false);
        }

        context.Log.Info("{Address} now owns replica {Replica} of shard {Shard} at snapshot {Index}; removed: {Removed}", redact.Redact(facts.RaftAddress), facts.ReplicaId, facts.ShardId, facts.Index, redact.Redact(Member.Format(facts.Removed)));
        return ImportOutput.From(facts);
    }

    /// <summary>Changes nothing: reads the host (<c>info</c>) and dry-runs the import to describe what is lost.</summary>
    public override async Task<ActivityPlan> PlanAsync(ImportInput input, ActivityContext context, CancellationToken cancellationToken)
    {
        var redact = context.Redactor;
        var command = ToolRunner.Display(ImportTool.ImportCommand(input.Arguments(), context, dryRun: false), context);
        var dir = redact.Redact(context.ResolvePath(input.NodeHostDir));
        var effects = new List<PlannedEffect> { new(EffectKind.Exec, redact.Redact(input.Tool), command) };
        var risks = new List<PlanRisk>();
        ImportFacts? check = null;
        try
        {
            var stdout = await ImportTool.ImportAsync(input.Arguments(), dryRun: true, TimeSpan.FromMinutes(1), context, cancellationToken).ConfigureAwait(false);
            check = ImportTool.Parse(ToolOutput.ParseImport, stdout, "import -dry-run", context);
        }
        catch (ActivityFailure failure)
        {
            risks.Add(new PlanRisk($"the import will fail as things stand: {failure.Message} ({failure.ErrorType})", RiskSeverity.High));
        }

        string? atStake = null;
        if (check is not null)
        {
            effects.Add(new PlannedEffect(EffectKind.Delete, redact.Redact(check.SnapshotDir), "every snapshot-* directory of the replica is removed"));
            effects.Add(new PlannedEffect(EffectKind.Write, dir, string.Create(CultureInfo.InvariantCulture,
                $"LogDB of replica {check.ReplicaId}: State, Bootstrap, MaxIndex and snapshot records rewritten to snapshot {check.Index} (term {check.Term}), members {Member.Format(check.Members)}")));
            atStake = await DataAtStakeAsync(input, check, context, cancellationToken).ConfigureAwait(false);
            if (check.Removed.Count > 0)
            {
                risks.Add(new PlanRisk(redact.Redact($"replicas {Member.Format(check.Removed)} are removed for ever: they must never be restarted"), RiskSeverity.High));
            }
        }

        return new ActivityPlan
        {
            Summary = redact.Redact(check is null
                ? $"import {input.SnapshotDir} on {input.RaftAddress} as replica {input.ReplicaId} (the dry run failed)"
                : $"import snapshot {check.Index} (term {check.Term}) of shard {check.ShardId} on {check.RaftAddress} as replica {check.ReplicaId}; members become {Member.Format(check.Members)}"),
            Effects = effects,
            Risks = risks,
            DataAtStake = atStake is null ? null : redact.Redact(atStake),
        };
    }

    private static async Task<string> DataAtStakeAsync(ImportInput input, ImportFacts check, ActivityContext context, CancellationToken ct)
    {
        try
        {
            var host = ToolOutput.ParseHost(await ImportTool.InfoAsync(input.Tool, input.NodeHostDir, context, ct).ConfigureAwait(false));
            var replica = host.Replicas.FirstOrDefault(r => r.ShardId == check.ShardId && r.ReplicaId == check.ReplicaId)
                ?? host.Replicas.FirstOrDefault(r => r.ShardId == check.ShardId);
            if (replica is null)
            {
                return $"{check.RaftAddress} holds no replica of shard {check.ShardId}; nothing on this host is overwritten";
            }

            return replica.MaxIndex > check.Index
                ? string.Create(CultureInfo.InvariantCulture, $"replica {replica.ReplicaId} on {check.RaftAddress}: log entries {check.Index + 1}–{replica.MaxIndex} (commit {replica.Commit}, term {replica.Term}) are discarded")
                : string.Create(CultureInfo.InvariantCulture, $"replica {replica.ReplicaId} on {check.RaftAddress}: its log (up to {replica.MaxIndex}) is replaced by snapshot {check.Index}");
        }
        catch (Exception ex) when (ex is ActivityFailure or FormatException)
        {
            return $"the history of replica {check.ReplicaId} on {check.RaftAddress} after snapshot {check.Index} (could not read the host: {ex.Message})";
        }
    }
}
