using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// The CRC-32 raft puts in segments and snapshot .meta files (byteCrc32 in canonical/raft
/// src/byte.c): MSB-first, polynomial 0x04C11DB7, register starts at the caller's value
/// (raft always starts at 0), no reflection, no final XOR. Check value of "123456789" is
/// 0x89A1897F (measured, /work/shared/reference/dqlite-format.md §2.1).
/// It is not the common reflected CRC-32, so System.IO.Hashing cannot be used.
/// Buffers of 64 bytes or more go through <see cref="FoldingCrc32"/> where the CPU has carry-less
/// multiplication; the rest through slicing-by-8 over one flat table. Checksumming a 100 MB
/// directory must stay well under .reconfigure's 0.3-0.5 s (docs/benchmarks-cowsql.md).
/// </summary>
internal static class RaftCrc32
{
    private const uint Polynomial = 0x04C11DB7;

    // Eight 256-entry tables back to back: table k at [k * 256].
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Update(0, data);

    public static uint Update(uint crc, ReadOnlySpan<byte> data) =>
        data.Length >= FoldingCrc32.MinimumLength && FoldingCrc32.IsSupported
            ? FoldingCrc32.Update(crc, data, Sliced)
            : Sliced(crc, data);

    internal static uint Sliced(uint crc, ReadOnlySpan<byte> data)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            var high = crc ^ BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, i)));
            var low = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, i + 4));
            crc = Unsafe.Add(ref table, (7 * 256) + (int)(high >> 24))
                ^ Unsafe.Add(ref table, (6 * 256) + (int)((high >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (5 * 256) + (int)((high >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, (4 * 256) + (int)(high & 0xFF))
                ^ Unsafe.Add(ref table, (3 * 256) + (int)(low & 0xFF))
                ^ Unsafe.Add(ref table, (2 * 256) + (int)((low >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, 256 + (int)((low >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (int)(low >> 24));
        }

        for (; i < length; i++)
        {
            crc = (crc << 8) ^ Unsafe.Add(ref table, (int)(((crc >> 24) ^ Unsafe.Add(ref bytes, i)) & 0xFF));
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ Polynomial : c << 1;
            }

            table[i] = c;
        }

        // Table k advances a byte through k further zero bytes, so eight bytes fold in one step.
        for (var k = 1; k < 8; k++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = table[((k - 1) * 256) + i];
                table[(k * 256) + i] = (previous << 8) ^ table[previous >> 24];
            }
        }

        return table;
    }
}
