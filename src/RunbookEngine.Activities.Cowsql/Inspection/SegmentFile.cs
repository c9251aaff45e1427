namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// A file whose name is a segment name. Closed: <see cref="First"/>..<see cref="Last"/> from the
/// name. Open: <see cref="Counter"/> from "open-N" (restarts at 1 with every process start).
/// </summary>
internal sealed record SegmentFile(NodeFile File, bool IsOpen, ulong First, ulong Last, ulong Counter)
{
    public string Name => File.Name;

    public static List<SegmentFile> Closed(NodeListing listing) =>
        listing.Files
            .Select(f => FileNames.TryParseClosed(f.Name, out var first, out var last) ? new SegmentFile(f, false, first, last, 0) : null)
            .OfType<SegmentFile>()
            .OrderBy(s => s.First)
            .ThenBy(s => s.Last)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    public static List<SegmentFile> Open(NodeListing listing) =>
        listing.Files
            .Select(f => FileNames.TryParseOpen(f.Name, out var counter) ? new SegmentFile(f, true, 0, 0, counter) : null)
            .OfType<SegmentFile>()
            .OrderBy(s => s.Counter)
            .ToList();
}
