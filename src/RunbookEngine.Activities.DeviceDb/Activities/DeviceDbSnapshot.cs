using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.DeviceDb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.DeviceDb.Activities;

/// <summary>
/// `devicedb cluster snapshot`: asks one node to propose a cluster snapshot; every member then copies its whole store
/// into its snapshot_store at the same raft index. Not idempotent: a second call takes a second snapshot.
/// </summary>
internal sealed class DeviceDbSnapshot : Activity<DeviceDbSnapshot.Input, DeviceDbSnapshot.Output>
{
    public override string Name => "devicedb.snapshot";

    public override string Description => "Runs `devicedb cluster snapshot` on one node: every member snapshots its store; outputs the snapshot's uuid.";

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var command = DeviceDbTool.Command(input.Tool, "snapshot", input.Node);
        var result = await DeviceDbTool.RunAsync(command, context, cancellationToken).ConfigureAwait(false);

        // printSnapshot writes to stderr (systems.md §3.2); read both streams in case a build prints to stdout.
        var parsed = SnapshotStatusParser.Parse(result.Stderr + "\n" + result.Stdout)
            ?? throw new ActivityFailure(DeviceDbTool.Unparsable, context.Redactor.Redact($"{Process.ToolRunner.Display(command, context)} did not print 'uuid = …' and 'status = …': {result.Stderr.Trim()}"), retryable: false);
        context.Log.Info("Cluster snapshot {Uuid} started through {Node}", parsed.Uuid, input.Node.Display);
        return new Output { Uuid = parsed.Uuid, Status = parsed.Status };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var command = DeviceDbTool.Command(input.Tool, "snapshot", input.Node);
        var display = Process.ToolRunner.Display(command, context);
        var risks = new List<PlanRisk>();
        try
        {
            // A read-only probe: the approver learns now that the node cannot take the request.
            var view = await DeviceDbOverview.QueryAsync(input.Tool, input.Node, context, cancellationToken).ConfigureAwait(false);
            risks.Add(new PlanRisk($"each of the {view.Nodes.Count} members copies its whole store into its -snapshot_store: it needs as much free space there as the store, and the copy costs I/O", RiskSeverity.Low));
        }
        catch (ActivityFailure failure)
        {
            risks.Add(new PlanRisk(context.Redactor.Redact($"{input.Node.Display} cannot be asked now ({failure.Message}); the step will fail"), RiskSeverity.High));
        }

        return new ActivityPlan
        {
            Summary = context.Redactor.Redact($"run {display}: start a cluster snapshot (the uuid is known only when it runs)"),
            Effects = [new PlannedEffect(EffectKind.Exec, input.Tool, display)],
            Risks = risks,
        };
    }

    internal sealed record Input
    {
        [Description("The devicedb executable (a path or a name on PATH).")]
        public string Tool { get; init; } = "devicedb";

        [Description("The node that proposes the snapshot (host and port are used).")]
        public required DeviceDbNode Node { get; init; }
    }

    internal sealed record Output
    {
        [Description("The snapshot's uuid: every node's part carries it.")]
        public string Uuid { get; init; } = string.Empty;

        [Description("The status printed (always processing upstream).")]
        public string Status { get; init; } = string.Empty;
    }
}
