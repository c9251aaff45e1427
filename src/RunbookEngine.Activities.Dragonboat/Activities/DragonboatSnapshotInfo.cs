using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Dragonboat.Tool;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Dragonboat.Activities;

/// <summary>
/// Reads an exported snapshot with the import tool's <c>inspect-snapshot</c>: the same path, single-gbsnap and checksum
/// checks ImportSnapshot makes (tools/import.go), so a bad export stops the run before anything is touched.
/// </summary>
internal sealed class DragonboatSnapshotInfo : Activity<DragonboatSnapshotInfo.Input, DragonboatSnapshotInfo.Output>
{
    public override string Name => "dragonboat.snapshot-info";

    public override string Description => "Checks and describes an exported snapshot directory (snapshot-<INDEX>): shard, index, term, membership.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var stdout = await ImportTool.InspectSnapshotAsync(input.Tool, input.SnapshotDir, context, cancellationToken).ConfigureAwait(false);
        var facts = ImportTool.Parse(ToolOutput.ParseSnapshot, stdout, "inspect-snapshot", context);
        context.Log.Info("Snapshot {Index} (term {Term}) of shard {Shard}, members {Members}", facts.Index, facts.Term, facts.ShardId, Member.Format(facts.Members));
        return new Output
        {
            SnapshotDir = facts.Path,
            ShardId = facts.ShardId,
            Index = facts.Index,
            Term = facts.Term,
            PayloadFile = facts.PayloadFile,
            PayloadBytes = facts.PayloadBytes,
            Members = facts.Members,
            MembersText = Member.Format(facts.Members),
            Removed = facts.Removed,
        };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        return RanDuringPlanning(output, context.Redactor.Redact($"snapshot {output.Index} (term {output.Term}) of shard {output.ShardId} is complete; members {output.MembersText}"),
            [new PlannedEffect(EffectKind.Read, context.Redactor.Redact(output.SnapshotDir), $"{output.PayloadFile}, {output.PayloadBytes} bytes", output.PayloadBytes)]);
    }

    internal sealed record Input
    {
        [Description("Path of the operator's import tool (the program around tools.ImportSnapshot).")]
        public required string Tool { get; init; }

        [Description("The exported snapshot directory itself (…/snapshot-<INDEX as %016X>), not its parent.")]
        public required string SnapshotDir { get; init; }
    }

    internal sealed record Output
    {
        [Description("Full path of the snapshot directory.")]
        public string SnapshotDir { get; init; } = string.Empty;

        [Description("Shard the snapshot belongs to.")]
        public long ShardId { get; init; }

        [Description("Raft index of the snapshot; every proposal after it is lost by an import.")]
        public long Index { get; init; }

        [Description("Raft term of the snapshot.")]
        public long Term { get; init; }

        [Description("Name of the .gbsnap payload file.")]
        public string PayloadFile { get; init; } = string.Empty;

        [Description("Size of the payload in bytes.")]
        public long PayloadBytes { get; init; }

        [Description("Membership recorded in the snapshot.")]
        public IReadOnlyList<Member> Members { get; init; } = [];

        [Description("Membership as replicaId=address, comma-separated.")]
        public string MembersText { get; init; } = string.Empty;

        [Description("Replicas the snapshot records as removed.")]
        public IReadOnlyList<Member> Removed { get; init; } = [];
    }
}
