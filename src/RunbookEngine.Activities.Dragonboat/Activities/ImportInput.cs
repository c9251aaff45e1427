using System.ComponentModel;
using RunbookEngine.Activities.Dragonboat.Tool;

namespace RunbookEngine.Activities.Dragonboat.Activities;

/// <summary>Inputs of one ImportSnapshot call (and of its dry run).</summary>
internal sealed record ImportInput
{
    [Description("Path of the operator's import tool (the program around tools.ImportSnapshot).")]
    public required string Tool { get; init; }

    [Description("NodeHostConfig.NodeHostDir of this host, the same as its NodeHost uses.")]
    public required string NodeHostDir { get; init; }

    [Description("NodeHostConfig.RaftAddress of this host.")]
    public required string RaftAddress { get; init; }

    [Description("Replica id this host runs after the import; must be a key of members with this host's address.")]
    public required long ReplicaId { get; init; }

    [Description("The exported snapshot directory (…/snapshot-<INDEX>), the same on every host.")]
    public required string SnapshotDir { get; init; }

    [Description("The new membership (memberNodes), the same on every host.")]
    public required IReadOnlyList<Member> Members { get; init; }

    [Description("NodeHostConfig.DeploymentID when not the default.")]
    public long? DeploymentId { get; init; }

    [Description("Kill the tool after this long (default 30m for an import, 1m for a check).")]
    public TimeSpan? Timeout { get; init; }

    public ImportArguments Arguments() => new(Tool, NodeHostDir, RaftAddress, ReplicaId, SnapshotDir, Members, DeploymentId);
}

/// <summary>What an import did, or would do.</summary>
internal sealed record ImportOutput
{
    [Description("Shard of the imported snapshot.")]
    public long ShardId { get; init; }

    [Description("Index of the imported snapshot: the shard's new state.")]
    public long Index { get; init; }

    [Description("Term of the imported snapshot.")]
    public long Term { get; init; }

    [Description("Replica id the host now owns.")]
    public long ReplicaId { get; init; }

    [Description("RaftAddress of the host.")]
    public string RaftAddress { get; init; } = string.Empty;

    [Description("The new membership as replicaId=address.")]
    public string MembersText { get; init; } = string.Empty;

    [Description("Replicas recorded as removed ('-' when none); they must never restart.")]
    public string RemovedText { get; init; } = string.Empty;

    [Description("The replica's snapshot directory that the import (re)wrote.")]
    public string ReplicaSnapshotDir { get; init; } = string.Empty;

    public static ImportOutput From(ImportFacts f) => new()
    {
        ShardId = f.ShardId,
        Index = f.Index,
        Term = f.Term,
        ReplicaId = f.ReplicaId,
        RaftAddress = f.RaftAddress,
        MembersText = Member.Format(f.Members),
        RemovedText = Member.Format(f.Removed),
        ReplicaSnapshotDir = f.SnapshotDir,
    };
}
