using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.DeviceDb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.DeviceDb.Activities;

/// <summary>
/// Asks every node for `cluster overview` and checks that they all show the same cluster (seed 001, Restore Example:
/// "Each node should show a consistent cluster state") and that its members are exactly the nodes given.
/// </summary>
internal sealed class DeviceDbCompareOverviews : Activity<DeviceDbCompareOverviews.Input, DeviceDbCompareOverviews.Output>
{
    public const string Inconsistent = "devicedb.inconsistent-cluster";

    public override string Name => "devicedb.compare-overviews";

    public override string Description => "Runs `cluster overview` on every node and checks they agree with each other and list exactly the given nodes.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (input.Nodes.Count == 0)
        {
            throw new ActivityInputException("nodes", "at least one node", "input 'nodes' must list at least one node");
        }

        var views = new List<(DeviceDbNode Node, Overview View)>();
        foreach (var node in input.Nodes)
        {
            views.Add((node, await DeviceDbOverview.QueryAsync(input.Tool, node, context, cancellationToken).ConfigureAwait(false)));
        }

        var problems = new List<string>();
        var (first, reference) = views[0];
        foreach (var (node, view) in views.Skip(1))
        {
            if (Describe(view) != Describe(reference))
            {
                problems.Add($"{node.Display} shows {Describe(view)}, but {first.Display} shows {Describe(reference)}");
            }
        }

        var listed = reference.Nodes.Select(n => $"{n.Host}:{n.Port}").ToHashSet(StringComparer.Ordinal);
        var given = input.Nodes.Select(n => n.Address).ToHashSet(StringComparer.Ordinal);
        if (input.ExactMembers)
        {
            problems.AddRange(given.Except(listed).Select(a => $"{a} is not a member in {first.Display}'s cluster state"));
            problems.AddRange(listed.Except(given).Select(a => $"{a} is a member but not in the runbook's node list (its part of a snapshot would be missing)"));
        }

        var output = new Output
        {
            Consistent = problems.Count == 0,
            Members = reference.Nodes.Select(n => n.Id).ToList(),
            Problems = problems,
            Summary = problems.Count == 0
                ? $"{views.Count} nodes agree: {Describe(reference)}"
                : $"{problems.Count} problem(s): {string.Join("; ", problems)}",
        };
        if (problems.Count > 0 && input.FailIfInconsistent)
        {
            throw new ActivityFailure(Inconsistent, context.Redactor.Redact($"the nodes do not show one consistent cluster: {string.Join("; ", problems)}"), retryable: true);
        }

        return output;
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        return RanDuringPlanning(output, context.Redactor.Redact(output.Summary));
    }

    private static string Describe(Overview view) =>
        $"members [{string.Join(", ", view.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => $"{n.Id}@{n.Host}:{n.Port}"))}], {view.Partitions} partitions, replication factor {view.ReplicationFactor}";

    internal sealed record Input
    {
        [Description("The devicedb executable (a path or a name on PATH).")]
        public string Tool { get; init; } = "devicedb";

        [Description("Every node of the cluster.")]
        public required IReadOnlyList<DeviceDbNode> Nodes { get; init; }

        [Description("Also require the members to be exactly the given nodes (default true).")]
        public bool ExactMembers { get; init; } = true;

        [Description("Fail (devicedb.inconsistent-cluster) when there is a problem (default true); otherwise report it in the outputs.")]
        public bool FailIfInconsistent { get; init; } = true;
    }

    internal sealed record Output
    {
        [Description("Whether every node shows the same members, partitions and replication factor (and exactly the given nodes).")]
        public bool Consistent { get; init; }

        [Description("Node ids of the members, as the first node shows them.")]
        public IReadOnlyList<string> Members { get; init; } = [];

        [Description("Each disagreement, one line each.")]
        public IReadOnlyList<string> Problems { get; init; } = [];

        [Description("One line for people.")]
        public string Summary { get; init; } = string.Empty;
    }
}
