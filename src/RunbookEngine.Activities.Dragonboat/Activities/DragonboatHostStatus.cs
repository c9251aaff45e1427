using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Dragonboat.Tool;

namespace RunbookEngine.Activities.Dragonboat.Activities;

/// <summary>
/// Reads one NodeHost directory with the import tool's <c>info</c>: its owner RaftAddress, whether a NodeHost holds
/// it (running), and the chosen shard's replica: LogDB indexes, and once running its state and leader.
/// </summary>
internal sealed class DragonboatHostStatus : Activity<DragonboatHostStatus.Input, DragonboatHostStatus.Output>
{
    public override string Name => "dragonboat.host-status";

    public override string Description => "Reports a NodeHost directory: owner address, whether its NodeHost runs, and a shard's replica (indexes, state, leader).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var stdout = await ImportTool.InfoAsync(input.Tool, input.NodeHostDir, context, cancellationToken).ConfigureAwait(false);
        var facts = ImportTool.Parse(ToolOutput.ParseHost, stdout, "info", context);
        var replica = facts.Replicas.FirstOrDefault(r => r.ShardId == input.ShardId && (input.ReplicaId is null || r.ReplicaId == input.ReplicaId));
        return new Output
        {
            NodeHostDir = facts.NodeHostDir,
            RaftAddress = facts.RaftAddress ?? string.Empty,
            Running = facts.Running,
            Pid = facts.Pid,
            HasReplica = replica is not null,
            ReplicaId = replica?.ReplicaId ?? 0,
            State = replica?.State ?? (facts.Running ? "absent" : "stopped"),
            LeaderId = replica?.LeaderId ?? 0,
            Term = replica?.Term ?? 0,
            Commit = replica?.Commit ?? 0,
            MaxIndex = replica?.MaxIndex ?? 0,
            SnapshotIndex = replica?.SnapshotIndex ?? 0,
            Imported = replica?.Imported ?? false,
            MembersText = replica is null ? "-" : Member.Format(replica.Members),
            RemovedText = replica is null ? "-" : Member.Format(replica.Removed),
        };
    }

    public override async Task<Planning.ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var o = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        var running = o.Running ? $"NodeHost running (pid {o.Pid})" : "NodeHost stopped";
        var replica = o.HasReplica
            ? $"replica {o.ReplicaId} of shard {input.ShardId}: {o.State}, max index {o.MaxIndex}, snapshot {o.SnapshotIndex}, members {o.MembersText}"
            : $"no replica of shard {input.ShardId}";
        return RanDuringPlanning(o, context.Redactor.Redact($"{o.NodeHostDir} ({(o.RaftAddress.Length > 0 ? o.RaftAddress : "never used")}): {running}; {replica}"));
    }

    internal sealed record Input
    {
        [Description("Path of the operator's import tool.")]
        public required string Tool { get; init; }

        [Description("The NodeHost directory (NodeHostConfig.NodeHostDir).")]
        public required string NodeHostDir { get; init; }

        [Description("Shard whose replica to report.")]
        public required long ShardId { get; init; }

        [Description("Replica id to report when the host holds several replicas of the shard.")]
        public long? ReplicaId { get; init; }
    }

    internal sealed record Output
    {
        [Description("Full path of the NodeHost directory.")]
        public string NodeHostDir { get; init; } = string.Empty;

        [Description("RaftAddress recorded in the directory's dragonboat.ds flag file; empty for a never-used directory.")]
        public string RaftAddress { get; init; } = string.Empty;

        [Description("Whether a NodeHost holds the directory's LOCK.")]
        public bool Running { get; init; }

        [Description("Process id of the running NodeHost, 0 when none.")]
        public int Pid { get; init; }

        [Description("Whether the directory holds a replica of the shard.")]
        public bool HasReplica { get; init; }

        [Description("Replica id found, 0 when none.")]
        public long ReplicaId { get; init; }

        [Description("stopped, loading (snapshot being recovered after a start), ready, or absent (running but no such replica).")]
        public string State { get; init; } = string.Empty;

        [Description("Leader replica id this replica sees, 0 when there is none (no quorum yet).")]
        public long LeaderId { get; init; }

        [Description("Raft term.")]
        public long Term { get; init; }

        [Description("Committed index in LogDB.")]
        public long Commit { get; init; }

        [Description("Highest log index in LogDB; entries above an imported snapshot's index are lost by the import.")]
        public long MaxIndex { get; init; }

        [Description("Index of the latest snapshot record.")]
        public long SnapshotIndex { get; init; }

        [Description("Whether the latest snapshot was imported with ImportSnapshot.")]
        public bool Imported { get; init; }

        [Description("The replica's membership as replicaId=address, comma-separated ('-' when none).")]
        public string MembersText { get; init; } = string.Empty;

        [Description("Replicas the membership records as removed ('-' when none).")]
        public string RemovedText { get; init; } = string.Empty;
    }
}
