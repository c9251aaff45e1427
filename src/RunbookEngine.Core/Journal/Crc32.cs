namespace RunbookEngine.Journal;

/// <summary>
/// CRC-32 with the IEEE 802.3 polynomial (the one zlib, gzip, PNG and Python's <c>zlib.crc32</c> use), so a
/// journal can be checked by hand with stock tools. Written here because System.IO.Hashing is not a dependency.
/// </summary>
internal static class Crc32
{
    /// <summary>The running value before any byte; feed it to <see cref="Append"/> and close with <see cref="Finish"/>.</summary>
    public const uint Start = 0xFFFFFFFFu;

    private const uint ReflectedPolynomial = 0xEDB88320u;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    public static uint Append(uint running, ReadOnlySpan<byte> data)
    {
        var crc = running;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Finish(uint running) => running ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
