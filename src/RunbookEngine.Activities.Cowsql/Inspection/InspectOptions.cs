namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// How thoroughly to read. Header checksums and open segments' data checksums are always
/// verified (they decide where raft cuts the log). <see cref="VerifyClosedSegmentData"/> also
/// checksums every payload of closed segments, as raft does at start; turning it off makes
/// inspection read little more than the batch headers (reference §3, "notes for the implementer").
/// <see cref="MaxParallelism"/> bounds how many segment files are read at once (0 or less: one per core).
/// <see cref="Exclude"/> names files to treat as absent: how a plan predicts what raft would load after they are removed.
/// </summary>
internal sealed record InspectOptions(bool VerifyClosedSegmentData = true, int MaxParallelism = 0, IReadOnlySet<string>? Exclude = null)
{
    public static InspectOptions Default { get; } = new();
}
