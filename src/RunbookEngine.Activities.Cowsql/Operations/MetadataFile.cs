using System.Buffers.Binary;
using RunbookEngine.Activities.Config;

namespace RunbookEngine.Activities.Cowsql.Operations;

/// <summary>
/// Writes a fresh raft metadata file for a node that has none (reference dqlite-format.md §2.2 and §5.3):
/// 32 bytes little-endian — format 1, version 1, current term, voted-for 0 — as <c>metadata1</c> (odd versions go to
/// metadata1). Without metadata a node with data is started as brand new, and the bootstrap node even runs
/// raft_bootstrap again; with a term at least the cluster's highest, it starts like any stopped member.
/// </summary>
internal static class MetadataFile
{
    public const int Size = 32;

    public static byte[] Encode(ulong term)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), term);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), 0);
        return bytes;
    }

    public static Task WriteAsync(string directory, ulong term, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Path.Combine(directory, "metadata1"), Encode(term), cancellationToken);
}
