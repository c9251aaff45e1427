namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// A file whose name is a segment name. Closed: <see cref="First"/>..<see cref="Last"/> from the
/// name. Open: <see cref="Counter"/> from "open-N" (restarts at 1 with every process start).
/// </summary>
internal sealed record SegmentFile(NodeFile File, bool IsOpen, ulong First, ulong Last, ulong Counter)
{
    public string Name => File.Name;

    /// <summary>Closed segments by first index (then last index, then name, to be deterministic with overlaps).</summary>
    public static List<SegmentFile> Closed(NodeListing listing)
    {
        var closed = new List<SegmentFile>();
        foreach (var file in listing.Files)
        {
            if (FileNames.TryParseClosed(file.Name, out var first, out var last))
            {
                closed.Add(new SegmentFile(file, false, first, last, 0));
            }
        }

        closed.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First)
            : a.Last != b.Last ? a.Last.CompareTo(b.Last)
            : string.CompareOrdinal(a.Name, b.Name));
        return closed;
    }

    /// <summary>Open segments by counter, the order raft loads them in.</summary>
    public static List<SegmentFile> Open(NodeListing listing)
    {
        var open = new List<SegmentFile>();
        foreach (var file in listing.Files)
        {
            if (FileNames.TryParseOpen(file.Name, out var counter))
            {
                open.Add(new SegmentFile(file, true, 0, 0, counter));
            }
        }

        open.Sort((a, b) => a.Counter.CompareTo(b.Counter));
        return open;
    }
}
