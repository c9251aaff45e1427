using System.Buffers.Binary;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Parses one segment file, streaming (reference §2.3; canonical/raft v0.15.0 src/uv_segment.c
/// uvSegmentLoadClosed / uvSegmentLoadOpen). A closed segment must be batches up to exactly the
/// end of the file, as many entries as its name says; any failure makes raft refuse to start.
/// An open segment is read up to its first batch that is not valid: raft truncates the file
/// there, except after a short read, which raft reports as an I/O error instead.
/// </summary>
internal static class SegmentReader
{
    public static SegmentScan Scan(SegmentFile segment, bool verifyClosedData, List<Problem> problems)
    {
        var scan = new SegmentScan(segment);
        try
        {
            using var handle = ReadOnlyFiles.Open(segment.File);
            using var reader = new ChunkReader(handle);
            scan.FileSize = reader.Length;
            if (ReadFormat(segment, reader, scan, problems))
            {
                var batches = new BatchReader(reader, verifyData: segment.IsOpen || verifyClosedData);
                if (segment.IsOpen)
                {
                    OpenSegments.Walk(segment, reader, batches, scan, problems);
                }
                else
                {
                    ClosedSegments.Walk(segment, reader, batches, scan, problems);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(ReadOnlyFiles.Unreadable(segment.File, ex));
            scan.Damaged = true;
        }

        return scan;
    }

    /// <summary>Checks the u64 format in front of the batches; false when there is nothing to walk.</summary>
    private static bool ReadFormat(SegmentFile segment, ChunkReader reader, SegmentScan scan, List<Problem> problems)
    {
        var name = segment.Name;
        if (reader.Length == 0)
        {
            if (segment.IsOpen)
            {
                scan.EndNote = "empty; raft deletes it at start";
                return false;
            }

            return Fail(scan, problems, ProblemKind.SegmentCorrupt, $"load closed segment {name}: file is empty", name);
        }

        Span<byte> format = stackalloc byte[8];
        if (!reader.TryRead(format))
        {
            var kind = segment.IsOpen ? ProblemKind.OpenSegmentTorn : ProblemKind.SegmentTruncated;
            return Fail(scan, problems, kind, $"{name}: file has only {reader.Length} bytes", name);
        }

        scan.ValidBytes = 8;
        var value = BinaryPrimitives.ReadUInt64LittleEndian(format);
        if (value == RaftFormat.DiskFormat)
        {
            return true;
        }

        if (value == 0 && segment.IsOpen && reader.RestIsZero())
        {
            scan.EndNote = "never written (all zeros); raft deletes it at start";
            scan.ValidBytes = 0;
            return false;
        }

        return Fail(scan, problems, ProblemKind.SegmentCorrupt, $"{name}: unexpected format version {value}", name);
    }

    internal static bool Fail(SegmentScan scan, List<Problem> problems, ProblemKind kind, string message, string file)
    {
        problems.Add(new Problem(kind, ProblemSeverity.Error, message, file));
        scan.Damaged = true;
        return false;
    }
}
