namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// What <see cref="SegmentReader"/> found in one segment, with entries numbered by their position
/// in the file (ordinal 0, 1, ...) because an open segment's first index is only known once the
/// log is assembled. <see cref="Damaged"/> means raft would refuse this segment (or, for an open
/// one, stop loading after it); the entries before the damage are still listed.
/// </summary>
/// <remarks>
/// Runs and configurations are small classes, not value tuples: collections of value tuples are
/// generic instantiations ReadyToRun cannot precompile, and their JIT cost showed up in the
/// benchmark (docs/benchmarks-cowsql.md).
/// </remarks>
internal sealed class SegmentScan(SegmentFile segment)
{
    public SegmentFile Segment { get; } = segment;

    public long FileSize { get; set; }

    public long EntryCount { get; private set; }

    public int BatchCount { get; set; }

    public long ValidBytes { get; set; }

    public bool Damaged { get; set; }

    public string? EndNote { get; set; }

    /// <summary>Runs of equal terms, by ordinal.</summary>
    public List<OrdinalRun> Terms { get; } = [];

    /// <summary>CHANGE entries: ordinal and decoded members (null with an error when undecodable).</summary>
    public List<ScannedConfiguration> Configurations { get; } = [];

    public void AddEntry(ulong term)
    {
        if (Terms.Count > 0 && Terms[^1].Term == term)
        {
            Terms[^1].Count++;
        }
        else
        {
            Terms.Add(new OrdinalRun(EntryCount, term));
        }

        EntryCount++;
    }
}

internal sealed class OrdinalRun(long ordinal, ulong term)
{
    public long Ordinal { get; } = ordinal;

    public long Count { get; set; } = 1;

    public ulong Term { get; } = term;
}

internal sealed record ScannedConfiguration(long Ordinal, IReadOnlyList<ClusterMember>? Members, string? Error);
