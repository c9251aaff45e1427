namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Numbers the entries of the segments raft would load, in load order, starting at the start
/// index: term runs, the newest configuration, and each segment's index range.
/// </summary>
internal sealed class LogBuilder(ulong start)
{
    private readonly List<TermRun> _terms = [];
    private readonly Dictionary<SegmentScan, (ulong First, ulong Last)> _ranges = [];

    public ulong Start { get; } = start;

    public ulong Next { get; private set; } = start;

    public long Count => (long)(Next - Start);

    public IReadOnlyList<TermRun> Terms => _terms;

    public RaftConfiguration? Configuration { get; private set; }

    public bool TryGetRange(SegmentScan scan, out (ulong First, ulong Last) range) => _ranges.TryGetValue(scan, out range);

    /// <summary>Appends the first <paramref name="count"/> entries of <paramref name="scan"/>.</summary>
    public void Append(SegmentScan scan, long count, List<Problem> problems)
    {
        if (count <= 0)
        {
            return;
        }

        var first = Next;
        foreach (var (ordinal, runCount, term) in scan.Terms)
        {
            var length = Math.Min(runCount, count - ordinal);
            if (length > 0)
            {
                AddRun(first + (ulong)ordinal, first + (ulong)(ordinal + length) - 1, term);
            }
        }

        foreach (var (ordinal, members, error) in scan.Configurations.Where(c => c.Ordinal < count))
        {
            var index = first + (ulong)ordinal;
            if (members is null)
            {
                problems.Add(new Problem(ProblemKind.SegmentCorrupt, ProblemSeverity.Error, $"{scan.Segment.Name}: configuration entry at index {index} does not decode: {error}", scan.Segment.Name));
            }
            else
            {
                Configuration = new RaftConfiguration(index, ConfigurationSource.Log, scan.Segment.Name, members);
            }
        }

        Next = first + (ulong)count;
        _ranges[scan] = (first, Next - 1);
    }

    private void AddRun(ulong first, ulong last, ulong term)
    {
        if (_terms.Count > 0 && _terms[^1].Term == term && _terms[^1].LastIndex + 1 == first)
        {
            _terms[^1] = _terms[^1] with { LastIndex = last };
        }
        else
        {
            _terms.Add(new TermRun(first, last, term));
        }
    }
}
