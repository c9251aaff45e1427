namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Numbers the entries of the segments raft would load, in load order, starting at the start
/// index: term runs, the newest configuration, and each segment's index range.
/// </summary>
internal sealed class LogBuilder(ulong start)
{
    private readonly List<TermRun> _terms = [];
    private readonly Dictionary<SegmentScan, TermRun> _ranges = [];

    public ulong Start { get; } = start;

    public ulong Next { get; private set; } = start;

    public long Count => (long)(Next - Start);

    public IReadOnlyList<TermRun> Terms => _terms;

    public RaftConfiguration? Configuration { get; private set; }

    /// <summary>The indexes given to <paramref name="scan"/>'s entries (the term of a range is unused).</summary>
    public TermRun? RangeOf(SegmentScan scan) => _ranges.GetValueOrDefault(scan);

    /// <summary>Appends the first <paramref name="count"/> entries of <paramref name="scan"/>.</summary>
    public void Append(SegmentScan scan, long count, List<Problem> problems)
    {
        if (count <= 0)
        {
            return;
        }

        var first = Next;
        foreach (var run in scan.Terms)
        {
            var length = Math.Min(run.Count, count - run.Ordinal);
            if (length > 0)
            {
                AddRun(first + (ulong)run.Ordinal, first + (ulong)(run.Ordinal + length) - 1, run.Term);
            }
        }

        foreach (var change in scan.Configurations)
        {
            var index = first + (ulong)change.Ordinal;
            if (change.Ordinal >= count)
            {
                continue;
            }

            if (change.Members is null)
            {
                problems.Add(new Problem(ProblemKind.SegmentCorrupt, ProblemSeverity.Error, $"{scan.Segment.Name}: configuration entry at index {index} does not decode: {change.Error}", scan.Segment.Name));
            }
            else
            {
                Configuration = new RaftConfiguration(index, ConfigurationSource.Log, scan.Segment.Name, change.Members);
            }
        }

        Next = first + (ulong)count;
        _ranges[scan] = new TermRun(first, Next - 1, 0);
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
