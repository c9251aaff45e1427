using System.Buffers.Binary;
using System.Text;
using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Tests.TestSupport;

/// <summary>One log entry to encode: term, raft entry type, payload (a multiple of 8 bytes, as raft writes).</summary>
internal sealed record Entry(ulong Term, byte Type, byte[] Payload)
{
    public static Entry Command(ulong term, int size = 64) => new(term, RaftFormat.EntryCommand, Enumerable.Range(0, size).Select(i => (byte)(i * 7 + 1)).ToArray());

    public static Entry Change(ulong term, params ClusterMember[] members) => new(term, RaftFormat.EntryChange, RaftBytes.Configuration(members));
}

/// <summary>
/// Encoders for raft's on-disk format, written independently of the parser from the layouts in
/// /work/shared/reference/dqlite-format.md §2, so synthetic directories test the parser, not itself.
/// </summary>
internal static class RaftBytes
{
    public static byte[] Metadata(ulong version, ulong term, ulong votedFor, ulong format = 1) =>
        [.. U64(format), .. U64(version), .. U64(term), .. U64(votedFor)];

    /// <summary>A batch: header CRC, data CRC, count, entry headers, payloads.</summary>
    public static byte[] Batch(params Entry[] entries)
    {
        var header = new List<byte>(U64((ulong)entries.Length));
        foreach (var entry in entries)
        {
            header.AddRange(U64(entry.Term));
            header.Add(entry.Type);
            header.AddRange(new byte[3]);
            header.AddRange(U32((uint)entry.Payload.Length));
        }

        var data = entries.SelectMany(e => e.Payload).ToArray();
        return [.. U32(Crc(header.ToArray())), .. U32(Crc(data)), .. header, .. data];
    }

    public static byte[] Segment(params byte[][] batches) => [.. U64(1), .. batches.SelectMany(b => b)];

    /// <summary>An open segment as raft preallocates it: the batches, then zeros up to <paramref name="size"/>.</summary>
    public static byte[] OpenSegment(int size, params byte[][] batches)
    {
        var bytes = Segment(batches);
        var padded = new byte[Math.Max(size, bytes.Length)];
        bytes.CopyTo(padded, 0);
        return padded;
    }

    public static byte[] Configuration(params ClusterMember[] members)
    {
        var bytes = new List<byte> { 1 };
        bytes.AddRange(U64((ulong)members.Length));
        foreach (var member in members)
        {
            bytes.AddRange(U64(member.Id));
            bytes.AddRange(Encoding.UTF8.GetBytes(member.Address));
            bytes.Add(0);
            bytes.Add(member.Role switch { MemberRole.Standby => 0, MemberRole.Voter => 1, _ => 2 });
        }

        while (bytes.Count % 8 != 0)
        {
            bytes.Add(0);
        }

        return bytes.ToArray();
    }

    public static byte[] SnapshotMeta(ulong configurationIndex, byte[] configuration)
    {
        byte[] tail = [.. U64(configurationIndex), .. U64((ulong)configuration.Length)];
        var crc = Crc([.. tail, .. configuration]);
        return [.. U64(1), .. U64(crc), .. tail, .. configuration];
    }

    /// <summary>Bit-by-bit CRC (MSB first, poly 0x04C11DB7, init 0, no XOR): deliberately not the parser's table code.</summary>
    public static uint Crc(byte[] data)
    {
        uint crc = 0;
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
