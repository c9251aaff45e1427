namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Everything <see cref="NodeInspector"/> learned from one node directory, read-only.
/// The log fields describe the longest log raft could load (reference §3): after the first
/// gap, damaged batch or refused segment nothing more counts, and <see cref="Problems"/> says why.
/// <see cref="FirstIndex"/> is null when no entry is on disk; <see cref="LastIndex"/> and
/// <see cref="LastTerm"/> then come from the latest usable snapshot (0 without one).
/// <see cref="Configuration"/> is the newest configuration in the log, else the snapshot's.
/// </summary>
internal sealed record NodeReport(
    string Directory,
    RaftMetadata? Metadata,
    IReadOnlyList<SnapshotInfo> Snapshots,
    SnapshotInfo? LatestSnapshot,
    IReadOnlyList<SegmentInfo> Segments,
    ulong? FirstIndex,
    ulong LastIndex,
    ulong LastTerm,
    long EntryCount,
    IReadOnlyList<TermRun> Terms,
    RaftConfiguration? Configuration,
    ClusterMember? Info,
    IReadOnlyList<ClusterMember>? Cluster,
    IReadOnlyList<Problem> Problems)
{
    public ulong? CurrentTerm => Metadata?.Term;

    public ulong? VotedFor => Metadata?.VotedFor;

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
