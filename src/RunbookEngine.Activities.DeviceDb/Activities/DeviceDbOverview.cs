using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.DeviceDb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.DeviceDb.Activities;

/// <summary>`devicedb cluster overview` on one node, parsed: the members it knows, partitions and replication factor.</summary>
internal sealed class DeviceDbOverview : Activity<DeviceDbOverview.Input, DeviceDbOverview.Output>
{
    public override string Name => "devicedb.overview";

    public override string Description => "Runs `devicedb cluster overview` against one node and parses its Nodes table (members, partitions, replication factor).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var overview = await QueryAsync(input.Tool, input.Node, context, cancellationToken).ConfigureAwait(false);
        return new Output
        {
            Nodes = overview.Nodes.Select(n => new Member { Id = n.Id, Host = n.Host, Port = n.Port, Capacity = n.Capacity }).ToList(),
            Partitions = overview.Partitions,
            ReplicationFactor = overview.ReplicationFactor,
            Summary = $"{input.Node.Display}: {overview.Nodes.Count} members ({string.Join(", ", overview.Nodes.Select(n => $"{n.Host}:{n.Port}"))}), {overview.Partitions} partitions, replication factor {overview.ReplicationFactor}",
        };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        return RanDuringPlanning(output, context.Redactor.Redact(output.Summary));
    }

    internal static async Task<Overview> QueryAsync(string tool, DeviceDbNode node, ActivityContext context, CancellationToken cancellationToken)
    {
        var command = DeviceDbTool.Command(tool, "overview", node);
        var result = await DeviceDbTool.RunAsync(command, context, cancellationToken).ConfigureAwait(false);
        return OverviewParser.Parse(result.Stdout)
            ?? throw new ActivityFailure(DeviceDbTool.Unparsable, context.Redactor.Redact($"{ToolRunnerDisplay(command, context)} printed no Nodes table (NODE ID | HOST | PORT | CAPACITY %) with a PARTITIONS / REPLICATION FACTOR footer: {Head(result.Stdout)}"), retryable: false);
    }

    private static string ToolRunnerDisplay(IReadOnlyList<string> command, ActivityContext context) => Process.ToolRunner.Display(command, context);

    private static string Head(string text) => text.Length > 300 ? text[..300] + "…" : text.Length == 0 ? "(nothing)" : text;

    internal sealed record Input
    {
        [Description("The devicedb executable (a path or a name on PATH).")]
        public string Tool { get; init; } = "devicedb";

        [Description("The node to ask (host and port are used).")]
        public required DeviceDbNode Node { get; init; }
    }

    internal sealed record Output
    {
        [Description("The members in the node's cluster state: id, host, port, capacity %.")]
        public IReadOnlyList<Member> Nodes { get; init; } = [];

        [Description("Number of partitions (footer).")]
        public int Partitions { get; init; }

        [Description("Replication factor (footer).")]
        public int ReplicationFactor { get; init; }

        [Description("One line for people.")]
        public string Summary { get; init; } = string.Empty;
    }

    internal sealed record Member
    {
        [Description("Node id (decimal, as printed).")]
        public string Id { get; init; } = string.Empty;

        [Description("Host.")]
        public string Host { get; init; } = string.Empty;

        [Description("Port.")]
        public int Port { get; init; }

        [Description("Capacity %: share of the partitions the node holds a replica of.")]
        public int Capacity { get; init; }
    }
}
