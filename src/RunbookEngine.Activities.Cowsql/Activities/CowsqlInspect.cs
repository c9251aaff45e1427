using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Reads one node directory without starting anything (no process spawned, nothing written) and reports what raft
/// would load from it: terms, indexes, the membership, and every problem that would stop or change a start.
/// </summary>
internal sealed class CowsqlInspect : Activity<CowsqlInspect.Input, NodeFacts>
{
    public override string Name => "cowsql.inspect";

    public override string Description => "Reads a cowsql/dqlite node directory (raft metadata, segments, snapshots, info.yaml, cluster.yaml) without changing it.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<NodeFacts> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(NodeFacts.From(Inspect(context.ResolvePath(input.DataDirectory))));
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var facts = await ExecuteAsync(input, context, cancellationToken);
        return RanDuringPlanning(facts, context.Redactor.Redact(facts.Summary),
            [new PlannedEffect(EffectKind.Read, context.ResolvePath(input.DataDirectory), "raft metadata, segments, snapshots", null)]);
    }

    internal static NodeReport Inspect(string directory)
    {
        try
        {
            return NodeInspector.Inspect(directory);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ActivityFailure("cowsql.no-node-directory", $"{directory} cannot be inspected: {ex.Message}", retryable: false);
        }
    }

    internal sealed record Input
    {
        [Description("The node's data directory (the folder holding metadata1, metadata2, segments and snapshots).")]
        public required string DataDirectory { get; init; }
    }
}
