using System.ComponentModel;
using System.Text;
using RunbookEngine.Activities.Config;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Writes a node's cluster.yaml (the whole target configuration, seed 000 A.1 / B.2 step 6) and info.yaml (this
/// node's own entry, A.2 / B.1 step 4 / B.2 step 7), each atomically. Running it again writes the same bytes.
/// </summary>
internal sealed class CowsqlWriteConfig : Activity<CowsqlWriteConfig.Input, CowsqlWriteConfig.Output>
{
    public override string Name => "cowsql.write-config";

    public override string Description => "Writes a node's cluster.yaml (the target configuration) and info.yaml (its own entry) atomically.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (directory, node) = Check(input, context);
        if (!Directory.Exists(directory))
        {
            throw new ActivityFailure("cowsql.no-node-directory", $"node directory {directory} does not exist", retryable: false);
        }

        var clusterChanged = await WriteIfDifferentAsync(Path.Combine(directory, "cluster.yaml"), NodeConfig.ClusterYaml(input.Cluster), cancellationToken);
        var infoChanged = await WriteIfDifferentAsync(Path.Combine(directory, "info.yaml"), NodeConfig.InfoYaml(node), cancellationToken);
        context.Log.Info("{Directory}: cluster.yaml {ClusterState}, info.yaml {InfoState} ({Address}, id {Id}, {Role})",
            directory, clusterChanged ? "written" : "unchanged", infoChanged ? "written" : "unchanged", node.Address, node.Id, NodeConfig.RoleName(node.Role));
        return new Output { ClusterChanged = clusterChanged, InfoChanged = infoChanged, Id = node.Id, Role = node.Role };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (directory, node) = Check(input, context);
        var effects = new List<PlannedEffect>();
        var risks = new List<PlanRisk>();
        foreach (var (name, content) in new[] { ("cluster.yaml", NodeConfig.ClusterYaml(input.Cluster)), ("info.yaml", NodeConfig.InfoYaml(node)) })
        {
            var path = Path.Combine(directory, name);
            var before = File.Exists(path) ? File.ReadAllText(path) : null;
            var detail = before == content ? "unchanged" : before is null ? "create: " + OneLine(content) : $"{OneLine(before)} → {OneLine(content)}";
            effects.Add(new PlannedEffect(EffectKind.Write, path, detail, Encoding.UTF8.GetByteCount(content)));
        }

        if (!Directory.Exists(directory))
        {
            risks.Add(new PlanRisk($"{directory} does not exist yet; an earlier step must create it", RiskSeverity.Medium));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = $"write cluster.yaml ({input.Cluster.Count} nodes) and info.yaml ({node.Address}, id {node.Id}, {NodeConfig.RoleName(node.Role)}) in {directory}",
            Effects = effects,
            Risks = risks,
        });
    }

    private static (string Directory, ClusterNode Node) Check(Input input, ActivityContext context)
    {
        var problems = NodeConfig.Problems(input.Cluster);
        if (problems.Count > 0)
        {
            throw new ActivityInputException("cluster", "a list of {address, id, role} with unique addresses and ids and at least one voter", "input 'cluster' is not a usable configuration: " + string.Join("; ", problems));
        }

        var node = input.Cluster.FirstOrDefault(n => n.Address == input.Address)
            ?? throw new ActivityInputException("address", "the address of one of the nodes in 'cluster'", $"input 'address' {input.Address} is not in 'cluster' ({string.Join(", ", input.Cluster.Select(n => n.Address))})");
        return (context.ResolvePath(input.DataDirectory), node);
    }

    private static async Task<bool> WriteIfDifferentAsync(string path, string content, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == content)
        {
            return false;
        }

        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes(content), cancellationToken);
        return true;
    }

    private static string OneLine(string yaml) => yaml.Trim().Replace("\n", "; ", StringComparison.Ordinal);

    internal sealed record Input
    {
        [Description("The node's directory (DataDirectory/<address>).")]
        public required string DataDirectory { get; init; }

        [Description("Which node of 'cluster' this directory belongs to (its address).")]
        public required string Address { get; init; }

        [Description("The target configuration: every node with address, id and role (0 voter, 1 standby, 2 backup).")]
        public required IReadOnlyList<ClusterNode> Cluster { get; init; }
    }

    internal sealed record Output
    {
        [Description("Whether cluster.yaml was written (false: it already had this content).")]
        public bool ClusterChanged { get; init; }

        [Description("Whether info.yaml was written (false: it already had this content).")]
        public bool InfoChanged { get; init; }

        [Description("This node's raft id.")]
        public string Id { get; init; } = string.Empty;

        [Description("This node's role.")]
        public int Role { get; init; }
    }
}
