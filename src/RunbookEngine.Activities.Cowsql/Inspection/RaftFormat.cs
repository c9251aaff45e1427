namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Constants of libraft's on-disk format (the libuv backend used by dqlite and cowsql).
/// Source: canonical/raft v0.15.0 src/uv.h, src/uv_encoding.c, src/uv_segment.c, src/uv_metadata.c;
/// cowsql/raft HEAD keeps the same values. Summarised in docs of record:
/// /work/shared/reference/dqlite-format.md §2.
/// </summary>
internal static class RaftFormat
{
    /// <summary>UV__DISK_FORMAT: first u64 of every segment, metadata file and snapshot .meta.</summary>
    public const ulong DiskFormat = 1;

    /// <summary>metadata1/2 hold four u64: format, version, term, voted_for.</summary>
    public const int MetadataSize = 32;

    /// <summary>u32 header CRC + u32 data CRC + u64 entry count, in front of every batch.</summary>
    public const int BatchPreambleSize = 16;

    /// <summary>Per entry: u64 term, u8 type, 3 unused bytes, u32 payload length.</summary>
    public const int EntryHeaderSize = 16;

    /// <summary>
    /// raft refuses a batch claiming more entries than UV__MAX_SEGMENT_SIZE / 32 (8 MiB / 32):
    /// "entries count %lu in preamble is too high" (uvLoadEntriesBatch).
    /// </summary>
    public const ulong MaxEntriesPerBatch = 8 * 1024 * 1024 / 32;

    /// <summary>raft rejects a snapshot configuration of 0 bytes or more than 1 MiB (uvSnapshotLoad).</summary>
    public const ulong MaxConfigurationLength = 1024 * 1024;

    /// <summary>Entry types (RAFT_COMMAND, RAFT_BARRIER, RAFT_CHANGE in raft.h).</summary>
    public const byte EntryCommand = 1;
    public const byte EntryBarrier = 2;
    public const byte EntryChange = 3;

    /// <summary>
    /// go-dqlite's BootstrapID (0x2dc171858c3155be): the ID of the node that bootstraps a demo
    /// cluster. Older docs (the cowsql seed, A.1) use ID 1 for the first node.
    /// </summary>
    public const ulong GoDqliteBootstrapId = 0x2dc171858c3155be;
    public const ulong LegacyBootstrapId = 1;

    /// <summary>LZ4 frame magic 04 22 4D 18: raft detects compressed snapshots by it (uv_snapshot.c).</summary>
    public const uint Lz4FrameMagic = 0x184D2204;
}
