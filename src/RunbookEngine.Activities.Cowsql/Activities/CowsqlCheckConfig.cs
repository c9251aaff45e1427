using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Checks a node list before anything else happens: the same rules <c>cowsql.write-config</c> enforces (host:port
/// addresses, decimal ids above 0, roles 0–2, no duplicates, at least one voter), so a typo stops the run at its first
/// step, and shows in its plan, instead of after the backup and the approval.
/// </summary>
internal sealed class CowsqlCheckConfig : Activity<CowsqlCheckConfig.Input, CowsqlCheckConfig.Output>
{
    public override string Name => "cowsql.check-config";

    public override string Description => "Checks a cluster configuration (addresses, ids, roles, duplicates, at least one voter) without writing anything.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var problems = NodeConfig.Problems(input.Cluster);
        if (problems.Count > 0)
        {
            throw new ActivityFailure("cowsql.config-invalid", "the node list is not a usable cluster configuration: " + string.Join("; ", problems), retryable: false);
        }

        return Task.FromResult(new Output
        {
            Voters = input.Cluster.Count(n => n.Role == 0),
            Summary = string.Join(", ", input.Cluster.Select(n => $"{n.Address} (id {n.Id}, {NodeConfig.RoleName(n.Role)})")),
        });
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken);
        return RanDuringPlanning(output, "node list: " + output.Summary);
    }

    internal sealed record Input
    {
        [Description("The nodes: address, id (decimal text), role (0 voter, 1 standby, 2 backup); other fields are ignored.")]
        public required IReadOnlyList<ClusterNode> Cluster { get; init; }
    }

    internal sealed record Output
    {
        [Description("How many nodes are voters.")]
        public int Voters { get; init; }

        [Description("The configuration in one line.")]
        public string Summary { get; init; } = string.Empty;
    }
}
