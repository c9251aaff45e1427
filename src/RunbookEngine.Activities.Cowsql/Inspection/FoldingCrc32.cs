using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// raft's CRC (see <see cref="RaftCrc32"/>) over long buffers with carry-less multiplication, after
/// Gopal et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ Instruction" (Intel,
/// 2009), non-reflected form. 16 message bytes, read big-endian, are a 128-bit polynomial A = H·x^64 + L;
/// moving it 128 bits further is A·x^128 ≡ H·(x^192 mod P) + L·(x^128 mod P), two 64×32-bit carry-less
/// products that fit in 128 bits. Four accumulators fold 64 bytes per step. The folded remainder is
/// congruent to the data consumed, so its 16 bytes go through the table code with the tail, which
/// needs no Barrett reduction. The table code alone reached 1.4 GB/s on the benchmark machine.
/// </summary>
internal static class FoldingCrc32
{
    public const int MinimumLength = 64;

    private static readonly Vector128<ulong> By128 = Vector128.Create(XPowModP(128), XPowModP(192));
    private static readonly Vector128<ulong> By512 = Vector128.Create(XPowModP(512), XPowModP(576));
    private static readonly Vector128<byte> Reverse = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    public static bool IsSupported => Pclmulqdq.IsSupported && Ssse3.IsSupported;

    /// <summary>Continues <paramref name="crc"/> over <paramref name="data"/> (at least <see cref="MinimumLength"/> bytes).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data, Func<uint, ReadOnlySpan<byte>, uint> table)
    {
        // Constants in locals: loaded once, not once per use (static readonly fields are not
        // constants in ReadyToRun code).
        var by128 = By128;
        var by512 = By512;
        var reverse = Reverse;
        ref var start = ref MemoryMarshal.GetReference(data);
        var a0 = Load(ref start, 0, reverse) ^ Vector128.Create(0UL, (ulong)crc << 32); // the register XORs into the first 4 bytes
        var a1 = Load(ref start, 16, reverse);
        var a2 = Load(ref start, 32, reverse);
        var a3 = Load(ref start, 48, reverse);
        var i = 64;
        for (; i + 64 <= data.Length; i += 64)
        {
            a0 = Fold(a0, by512) ^ Load(ref start, i, reverse);
            a1 = Fold(a1, by512) ^ Load(ref start, i + 16, reverse);
            a2 = Fold(a2, by512) ^ Load(ref start, i + 32, reverse);
            a3 = Fold(a3, by512) ^ Load(ref start, i + 48, reverse);
        }

        var a = Fold(Fold(Fold(a0, by128) ^ a1, by128) ^ a2, by128) ^ a3;
        for (; i + 16 <= data.Length; i += 16)
        {
            a = Fold(a, by128) ^ Load(ref start, i, reverse);
        }

        // The remainder's bytes in message order: the high lane first, each big-endian. Read lane by
        // lane rather than stored as a vector: crossgen2 does not precompile a call that passes a
        // Vector128 by value outside the assembly (its ABI may change), and this method must be
        // precompiled (its JIT cost showed in the benchmark's first call).
        Span<byte> remainder = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(remainder, a.GetElement(1));
        BinaryPrimitives.WriteUInt64BigEndian(remainder[8..], a.GetElement(0));
        return table(table(0, remainder), data[i..]);
    }

    // Both must be inlined: as calls they return through memory, and the loop ran at ~4 GB/s
    // instead of the ~10 GB/s it reaches inlined (measured on the benchmark machine).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte start, int offset, Vector128<byte> reverse) =>
        Ssse3.Shuffle(Vector128.LoadUnsafe(ref start, (nuint)offset), reverse).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> a, Vector128<ulong> by) =>
        Pclmulqdq.CarrylessMultiply(a, by, 0x11) ^ Pclmulqdq.CarrylessMultiply(a, by, 0x00);

    /// <summary>x^n mod P for raft's polynomial, by shifting one bit at a time.</summary>
    private static ulong XPowModP(int n)
    {
        ulong r = 1;
        for (var i = 0; i < n; i++)
        {
            r <<= 1;
            if ((r & 0x1_0000_0000) != 0)
            {
                r ^= 0x1_04C1_1DB7;
            }
        }

        return r;
    }
}
