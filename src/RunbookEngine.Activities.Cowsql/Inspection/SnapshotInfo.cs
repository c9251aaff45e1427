namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// A snapshot pair <c>snapshot-T-I-TS</c> + <c>.meta</c>. <see cref="Timestamp"/> is libuv's
/// monotonic clock in milliseconds when it was taken (≈ host uptime, not a date; reference §2.6).
/// <see cref="IsUsable"/> mirrors raft's rule: both files exist and the data file is not empty.
/// </summary>
internal sealed record SnapshotInfo(
    string Name,
    ulong Term,
    ulong Index,
    ulong Timestamp,
    bool HasData,
    bool HasMeta,
    long DataSize,
    bool IsCompressed,
    RaftConfiguration? Configuration)
{
    public bool IsUsable => HasData && HasMeta && DataSize > 0;

    public string MetaName => Name + ".meta";
}
