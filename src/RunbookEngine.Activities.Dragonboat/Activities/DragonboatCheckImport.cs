using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Dragonboat.Tool;

namespace RunbookEngine.Activities.Dragonboat.Activities;

/// <summary>
/// Runs every check of ImportSnapshot for one host without writing (the tool's <c>-dry-run</c>): members, snapshot
/// path and completeness, membership conflicts, directory owner, and that the NodeHost is stopped.
/// </summary>
internal sealed class DragonboatCheckImport : Activity<ImportInput, ImportOutput>
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    public override string Name => "dragonboat.check-import";

    public override string Description => "Dry-runs ImportSnapshot on one host: every upstream check, nothing written; fails with the error the import would hit.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<ImportOutput> ExecuteAsync(ImportInput input, ActivityContext context, CancellationToken cancellationToken)
    {
        var stdout = await ImportTool.ImportAsync(input.Arguments(), dryRun: true, input.Timeout ?? DefaultTimeout, context, cancellationToken).ConfigureAwait(false);
        var facts = ImportTool.Parse(ToolOutput.ParseImport, stdout, "import -dry-run", context);
        if (!facts.DryRun)
        {
            throw new ActivityFailure(ImportTool.UnexpectedOutput, "the tool reports a real import although -dry-run was given; check that it supports -dry-run", retryable: false);
        }

        context.Log.Info("{Address}: import of snapshot {Index} as replica {Replica} would succeed", context.Redactor.Redact(facts.RaftAddress), facts.Index, facts.ReplicaId);
        return ImportOutput.From(facts);
    }

    public override async Task<Planning.ActivityPlan> PlanAsync(ImportInput input, ActivityContext context, CancellationToken cancellationToken)
    {
        var o = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        return RanDuringPlanning(o, context.Redactor.Redact($"dry run on {o.RaftAddress}: snapshot {o.Index} of shard {o.ShardId} can be imported as replica {o.ReplicaId}"));
    }
}
