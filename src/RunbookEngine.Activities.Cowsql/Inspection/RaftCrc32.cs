using System.Buffers.Binary;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// The CRC-32 raft puts in segments and snapshot .meta files (byteCrc32 in canonical/raft
/// src/byte.c): MSB-first, polynomial 0x04C11DB7, register starts at the caller's value
/// (raft always starts at 0), no reflection, no final XOR. Check value of "123456789" is
/// 0x89A1897F (measured, /work/shared/reference/dqlite-format.md §2.1).
/// It is not the common reflected CRC-32, so System.IO.Hashing cannot be used.
/// Slicing-by-8 because verifying payload checksums of a 100 MB directory must stay
/// well under .reconfigure's 0.5 s.
/// </summary>
internal static class RaftCrc32
{
    private const uint Polynomial = 0x04C11DB7;

    private static readonly uint[][] Tables = BuildTables();

    public static uint Compute(ReadOnlySpan<byte> data) => Update(0, data);

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t0 = Tables[0];
        var t1 = Tables[1];
        var t2 = Tables[2];
        var t3 = Tables[3];
        var t4 = Tables[4];
        var t5 = Tables[5];
        var t6 = Tables[6];
        var t7 = Tables[7];
        while (data.Length >= 8)
        {
            var high = crc ^ BinaryPrimitives.ReadUInt32BigEndian(data);
            crc = t7[high >> 24] ^ t6[(high >> 16) & 0xFF] ^ t5[(high >> 8) & 0xFF] ^ t4[high & 0xFF]
                ^ t3[data[4]] ^ t2[data[5]] ^ t1[data[6]] ^ t0[data[7]];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = (crc << 8) ^ t0[((crc >> 24) ^ b) & 0xFF];
        }

        return crc;
    }

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        tables[0] = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ Polynomial : c << 1;
            }

            tables[0][i] = c;
        }

        // Table k advances a byte through k further zero bytes, so eight bytes fold in one step.
        for (var k = 1; k < 8; k++)
        {
            tables[k] = new uint[256];
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[k - 1][i];
                tables[k][i] = (previous << 8) ^ tables[0][previous >> 24];
            }
        }

        return tables;
    }
}
