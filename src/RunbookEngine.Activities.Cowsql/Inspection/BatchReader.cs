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

    // Per-batch entry fields, reused across batches (grown when a batch is larger).
    private ulong[] _terms = new ulong[64];
    private uint[] _lengths = new uint[64];
    private byte[] _types = new byte[64];
    private readonly byte[] _headerChunk = new byte[HeaderChunkEntries * RaftFormat.EntryHeaderSize];

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
        if ((long)n * RaftFormat.EntryHeaderSize > reader.Remaining)
        {
            return Short("read header", (long)n * RaftFormat.EntryHeaderSize);
        }

        if (_terms.Length < n)
        {
            var size = (int)Math.Max((uint)n, Math.Min((uint)_terms.Length * 2, (uint)RaftFormat.MaxEntriesPerBatch));
            (_terms, _lengths, _types) = (new ulong[size], new uint[size], new byte[size]);
        }

        var outcome = ReadHeaders(preamble[8..], n, headerCrc);
        return outcome != BatchOutcome.Loaded ? outcome : ReadData(scan, n, dataCrc);
    }

    private BatchOutcome ReadHeaders(ReadOnlySpan<byte> countBytes, int n, uint expectedCrc)
    {
        var crc = RaftCrc32.Update(0, countBytes);
        for (var done = 0; done < n; done += HeaderChunkEntries)
        {
            var entries = Math.Min(HeaderChunkEntries, n - done);
            var span = _headerChunk.AsSpan(0, entries * RaftFormat.EntryHeaderSize);
            reader.TryRead(span);
            crc = RaftCrc32.Update(crc, span);
            for (var i = 0; i < entries; i++)
            {
                var header = span.Slice(i * RaftFormat.EntryHeaderSize, RaftFormat.EntryHeaderSize);
                _terms[done + i] = BinaryPrimitives.ReadUInt64LittleEndian(header);
                _types[done + i] = header[8];
                _lengths[done + i] = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            }
        }

        if (crc != expectedCrc)
        {
            Detail = "header checksum mismatch";
            return BatchOutcome.HeaderChecksum;
        }

        for (var i = 0; i < n; i++)
        {
            if (_types[i] is not (RaftFormat.EntryCommand or RaftFormat.EntryBarrier or RaftFormat.EntryChange))
            {
                Detail = $"entry {i + 1} of the batch has unknown type {_types[i]}";
                return BatchOutcome.Corrupt;
            }
        }

        return BatchOutcome.Loaded;
    }

    private BatchOutcome ReadData(SegmentScan scan, int n, uint expectedCrc)
    {
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            total += _lengths[i];
        }

        if (total > reader.Remaining)
        {
            return Short("read data", total);
        }

        uint crc = 0;
        List<ScannedConfiguration>? configurations = null;
        for (var i = 0; i < n; i++)
        {
            if (_types[i] == RaftFormat.EntryChange && _lengths[i] <= RaftFormat.MaxConfigurationLength)
            {
                var payload = new byte[_lengths[i]];
                reader.TryRead(payload);
                crc = RaftCrc32.Update(crc, payload);
                (configurations ??= []).Add(new ScannedConfiguration(scan.EntryCount + i, ConfigurationDecoder.TryDecode(payload, out var error), error));
                continue;
            }

            if (_types[i] == RaftFormat.EntryChange)
            {
                (configurations ??= []).Add(new ScannedConfiguration(scan.EntryCount + i, null, $"configuration of {_lengths[i]} bytes is too large to decode"));
            }

            if (verifyData)
            {
                crc = reader.Checksum(_lengths[i], crc);
            }
            else
            {
                reader.Skip(_lengths[i]);
            }
        }

        // Without full verification the CRC above covers only some payloads: not comparable.
        if (verifyData && crc != expectedCrc)
        {
            Detail = "data checksum mismatch";
            return BatchOutcome.DataChecksum;
        }

        if (configurations is not null)
        {
            scan.Configurations.AddRange(configurations);
        }

        for (var i = 0; i < n; i++)
        {
            scan.AddEntry(_terms[i]);
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
