using System.Buffers;
using System.Buffers.Binary;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Reads one batch the way raft's uvLoadEntriesBatch does (canonical/raft v0.15.0
/// src/uv_segment.c; reference §2.3): u32 header CRC, u32 data CRC, u64 entry count n, n entry
/// headers (u64 term, u8 type, 3 unused, u32 length), then the payloads. The header CRC covers
/// the count and the entry headers; the data CRC covers the payloads. Payloads are checksummed
/// in windows or skipped, never held, except CHANGE payloads (configurations, a few hundred bytes).
/// </summary>
internal sealed class BatchReader(ChunkReader reader, bool verifyData)
{
    private const int HeaderChunkEntries = 4096;

    public string Detail { get; private set; } = "";

    public bool PreambleAllZero { get; private set; }

    public BatchOutcome Read(SegmentScan scan)
    {
        if (reader.Remaining == 0)
        {
            return BatchOutcome.EndOfFile;
        }

        Span<byte> preamble = stackalloc byte[RaftFormat.BatchPreambleSize];
        if (!reader.TryRead(preamble))
        {
            return Short("read preamble", RaftFormat.BatchPreambleSize);
        }

        PreambleAllZero = !preamble.ContainsAnyExcept((byte)0);
        var headerCrc = BinaryPrimitives.ReadUInt32LittleEndian(preamble);
        var dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(preamble[4..]);
        var count = BinaryPrimitives.ReadUInt64LittleEndian(preamble[8..]);
        if (count == 0)
        {
            Detail = "entries count in preamble is zero";
            return BatchOutcome.ZeroCount;
        }

        if (count > RaftFormat.MaxEntriesPerBatch)
        {
            Detail = $"entries count {count} in preamble is too high";
            return BatchOutcome.Corrupt;
        }

        var n = (int)count;
        var terms = ArrayPool<ulong>.Shared.Rent(n);
        var lengths = ArrayPool<uint>.Shared.Rent(n);
        var types = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var outcome = ReadHeaders(preamble[8..], n, headerCrc, terms, types, lengths);
            return outcome != BatchOutcome.Loaded ? outcome : ReadData(scan, n, dataCrc, terms, types, lengths);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(terms);
            ArrayPool<uint>.Shared.Return(lengths);
            ArrayPool<byte>.Shared.Return(types);
        }
    }

    private BatchOutcome ReadHeaders(ReadOnlySpan<byte> countBytes, int n, uint expectedCrc, ulong[] terms, byte[] types, uint[] lengths)
    {
        if ((long)n * RaftFormat.EntryHeaderSize > reader.Remaining)
        {
            return Short("read header", (long)n * RaftFormat.EntryHeaderSize);
        }

        var crc = RaftCrc32.Update(0, countBytes);
        var chunk = ArrayPool<byte>.Shared.Rent(HeaderChunkEntries * RaftFormat.EntryHeaderSize);
        try
        {
            for (var done = 0; done < n; done += HeaderChunkEntries)
            {
                var entries = Math.Min(HeaderChunkEntries, n - done);
                var span = chunk.AsSpan(0, entries * RaftFormat.EntryHeaderSize);
                reader.TryRead(span);
                crc = RaftCrc32.Update(crc, span);
                for (var i = 0; i < entries; i++)
                {
                    var header = span.Slice(i * RaftFormat.EntryHeaderSize, RaftFormat.EntryHeaderSize);
                    terms[done + i] = BinaryPrimitives.ReadUInt64LittleEndian(header);
                    types[done + i] = header[8];
                    lengths[done + i] = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (crc != expectedCrc)
        {
            Detail = "header checksum mismatch";
            return BatchOutcome.HeaderChecksum;
        }

        for (var i = 0; i < n; i++)
        {
            if (types[i] is not (RaftFormat.EntryCommand or RaftFormat.EntryBarrier or RaftFormat.EntryChange))
            {
                Detail = $"entry {i + 1} of the batch has unknown type {types[i]}";
                return BatchOutcome.Corrupt;
            }
        }

        return BatchOutcome.Loaded;
    }

    private BatchOutcome ReadData(SegmentScan scan, int n, uint expectedCrc, ulong[] terms, byte[] types, uint[] lengths)
    {
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            total += lengths[i];
        }

        if (total > reader.Remaining)
        {
            return Short("read data", total);
        }

        uint crc = 0;
        List<(int Entry, IReadOnlyList<ClusterMember>? Members, string? Error)>? configurations = null;
        for (var i = 0; i < n; i++)
        {
            if (types[i] == RaftFormat.EntryChange && lengths[i] <= RaftFormat.MaxConfigurationLength)
            {
                var payload = new byte[lengths[i]];
                reader.TryRead(payload);
                crc = RaftCrc32.Update(crc, payload);
                (configurations ??= []).Add((i, ConfigurationDecoder.TryDecode(payload, out var error), error));
                continue;
            }

            if (types[i] == RaftFormat.EntryChange)
            {
                (configurations ??= []).Add((i, null, $"configuration of {lengths[i]} bytes is too large to decode"));
            }

            if (verifyData)
            {
                crc = reader.Checksum(lengths[i], crc);
            }
            else
            {
                reader.Skip(lengths[i]);
            }
        }

        // Without full verification the CRC above covers only some payloads: not comparable.
        if (verifyData && crc != expectedCrc)
        {
            Detail = "data checksum mismatch";
            return BatchOutcome.DataChecksum;
        }

        foreach (var (entry, members, error) in configurations ?? [])
        {
            scan.Configurations.Add((scan.EntryCount + entry, members, error));
        }

        for (var i = 0; i < n; i++)
        {
            scan.AddTerm(terms[i]);
        }

        scan.BatchCount++;
        return BatchOutcome.Loaded;
    }

    private BatchOutcome Short(string what, long wanted)
    {
        Detail = $"{what}: short read: {reader.Remaining} bytes instead of {wanted}";
        return BatchOutcome.ShortRead;
    }
}

internal enum BatchOutcome
{
    Loaded,
    EndOfFile,
    ZeroCount,
    ShortRead,
    HeaderChecksum,
    DataChecksum,
    Corrupt,
}
