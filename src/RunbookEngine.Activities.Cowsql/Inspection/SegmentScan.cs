namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// What <see cref="SegmentReader"/> found in one segment, with entries numbered by their position
/// in the file (ordinal 0, 1, ...) because an open segment's first index is only known once the
/// log is assembled. <see cref="Damaged"/> means raft would refuse this closed segment; the
/// entries before the damage are still listed.
/// </summary>
internal sealed class SegmentScan(SegmentFile segment)
{
    public SegmentFile Segment { get; } = segment;

    public long FileSize { get; set; }

    public long EntryCount { get; set; }

    public int BatchCount { get; set; }

    public long ValidBytes { get; set; }

    public bool Damaged { get; set; }

    public string? EndNote { get; set; }

    /// <summary>Runs of equal terms: first ordinal, number of entries, term.</summary>
    public List<(long Ordinal, long Count, ulong Term)> Terms { get; } = [];

    /// <summary>CHANGE entries: ordinal and decoded members (null with an error when undecodable).</summary>
    public List<(long Ordinal, IReadOnlyList<ClusterMember>? Members, string? Error)> Configurations { get; } = [];

    public ulong TermAt(long ordinal)
    {
        foreach (var run in Terms)
        {
            if (ordinal >= run.Ordinal && ordinal < run.Ordinal + run.Count)
            {
                return run.Term;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(ordinal));
    }

    public void AddTerm(ulong term)
    {
        if (Terms.Count > 0 && Terms[^1].Term == term && Terms[^1].Ordinal + Terms[^1].Count == EntryCount)
        {
            var last = Terms[^1];
            Terms[^1] = (last.Ordinal, last.Count + 1, term);
        }
        else
        {
            Terms.Add((EntryCount, 1, term));
        }

        EntryCount++;
    }
}
