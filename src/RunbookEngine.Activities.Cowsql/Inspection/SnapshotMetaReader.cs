using System.Buffers.Binary;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Decodes a snapshot .meta (canonical/raft v0.15.0 src/uv_snapshot.c uvSnapshotLoadMeta;
/// reference §2.6): u64 format 1, u64 CRC (low 32 bits) over bytes 16..31 continued over the
/// configuration, u64 configuration index, u64 configuration length L (1..1 MiB), L bytes of
/// configuration (§2.4). Returns null and an error message when it does not decode.
/// </summary>
internal static class SnapshotMetaReader
{
    private const int HeaderSize = 32;

    public static RaftConfiguration? TryRead(byte[] bytes, string file, out string? error)
    {
        error = null;
        var span = bytes.AsSpan();
        if (span.Length < HeaderSize)
        {
            error = $"{file} has {span.Length} bytes, fewer than the {HeaderSize}-byte header";
            return null;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(span) != RaftFormat.DiskFormat)
        {
            error = $"{file}: bad format version {BinaryPrimitives.ReadUInt64LittleEndian(span)}";
            return null;
        }

        var storedCrc = BinaryPrimitives.ReadUInt64LittleEndian(span[8..]);
        var index = BinaryPrimitives.ReadUInt64LittleEndian(span[16..]);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(span[24..]);
        if (length == 0 || length > RaftFormat.MaxConfigurationLength)
        {
            error = $"{file}: configuration length {length} is out of range";
            return null;
        }

        if ((ulong)span.Length < HeaderSize + length)
        {
            error = $"{file}: configuration of {length} bytes goes past the end of the file ({span.Length} bytes)";
            return null;
        }

        var configuration = span.Slice(HeaderSize, (int)length);
        var crc = RaftCrc32.Update(RaftCrc32.Compute(span[16..HeaderSize]), configuration);
        if (crc != storedCrc)
        {
            error = $"{file}: checksum mismatch (stored 0x{storedCrc:x8}, computed 0x{crc:x8})";
            return null;
        }

        var members = ConfigurationDecoder.TryDecode(configuration, out var decodeError);
        if (members is null)
        {
            error = $"{file}: {decodeError}";
            return null;
        }

        return new RaftConfiguration(index, ConfigurationSource.SnapshotMeta, file, members);
    }
}
