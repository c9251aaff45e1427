namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>Stable problem names. Append only: runbooks match on these names.</summary>
internal enum ProblemKind
{
    /// <summary>Neither metadata1 nor metadata2 exists although the node has log or snapshot data.</summary>
    MetadataMissing,

    /// <summary>A metadata file is short, long, of a bad format or at version 0.</summary>
    MetadataInvalid,

    /// <summary>metadata1 and metadata2 carry the same version (raft refuses to start).</summary>
    MetadataSameVersion,

    /// <summary>The bootstrap node has data but no usable metadata: raft_bootstrap would run again.</summary>
    BootstrapNodeWithoutMetadata,

    /// <summary>A batch header or data checksum does not match in a closed segment.</summary>
    ChecksumMismatch,

    /// <summary>A closed segment ends in the middle of a batch (or has fewer than 8 bytes).</summary>
    SegmentTruncated,

    /// <summary>A segment is unreadable as a segment: bad format version, zero or huge entry count, bad entry type, empty closed segment.</summary>
    SegmentCorrupt,

    /// <summary>A closed segment holds a different number of entries than its name says.</summary>
    SegmentEntryCountMismatch,

    /// <summary>An open segment stops at a batch that is not a clean end (torn write, truncation, bad checksum).</summary>
    OpenSegmentTorn,

    /// <summary>Log indexes are missing between two segments (or before the first one).</summary>
    SegmentGap,

    /// <summary>Two closed segments cover the same index.</summary>
    SegmentOverlap,

    /// <summary>The newest run of closed segments starts after the latest snapshot's index + 1.</summary>
    ClosedSegmentPastLastSnapshot,

    /// <summary>Every entry on disk is behind the latest snapshot although open segments exist.</summary>
    LastEntryBehindSnapshot,

    /// <summary>A snapshot data file without its .meta, or a .meta without its data file.</summary>
    OrphanSnapshotFile,

    /// <summary>A snapshot data file of 0 bytes (raft skips the pair).</summary>
    SnapshotEmpty,

    /// <summary>A snapshot .meta that cannot be decoded (format, checksum, configuration).</summary>
    SnapshotMetaInvalid,

    /// <summary>A corrupt-* file: raft's auto-recovery renamed a segment it could not load.</summary>
    CorruptSegmentRenamed,

    /// <summary>A leftover tmp-* file (raft deletes them at start).</summary>
    TemporaryFile,

    /// <summary>info.yaml or cluster.yaml cannot be read or has the wrong shape.</summary>
    YamlInvalid,

    /// <summary>Exactly one of info.yaml and cluster.yaml exists (go-dqlite's app refuses to start).</summary>
    YamlInconsistent,

    /// <summary>A symbolic link that leads outside the node directory (not followed).</summary>
    SymlinkOutsideDirectory,

    /// <summary>A file could not be opened or read (permissions, I/O error, vanished).</summary>
    FileUnreadable,
}
