using System.Buffers.Binary;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Reads metadata1/metadata2 the way raft's uvMetadataLoad does (canonical/raft v0.15.0
/// src/uv_metadata.c; reference §2.2): 32 bytes = u64 format (1), version, term, voted_for;
/// the higher version wins; a short file is an interrupted write and counts as absent; a long
/// file, a bad format, version 0 or equal versions make raft refuse to start.
/// </summary>
internal static class MetadataReader
{
    public static RaftMetadata? Read(NodeListing listing, List<Problem> problems)
    {
        var first = ReadOne(listing, "metadata1", problems);
        var second = ReadOne(listing, "metadata2", problems);
        if (first is null || second is null)
        {
            return first ?? second;
        }

        if (first.Version == second.Version)
        {
            problems.Add(new Problem(
                ProblemKind.MetadataSameVersion,
                ProblemSeverity.Error,
                $"metadata1 and metadata2 are both at version {first.Version}",
                "metadata2"));
        }

        return second.Version > first.Version ? second : first;
    }

    private static RaftMetadata? ReadOne(NodeListing listing, string name, List<Problem> problems)
    {
        var file = listing.Find(name);
        if (file is null)
        {
            return null;
        }

        var bytes = ReadOnlyFiles.ReadSmall(file, 4096, problems);
        if (bytes is null)
        {
            return null;
        }

        if (bytes.Length < RaftFormat.MetadataSize)
        {
            problems.Add(Invalid(name, ProblemSeverity.Warning,
                $"{name} has {bytes.Length} bytes instead of {RaftFormat.MetadataSize}: raft takes it for an interrupted write, ignores it and deletes it"));
            return null;
        }

        if (bytes.Length > RaftFormat.MetadataSize)
        {
            problems.Add(Invalid(name, ProblemSeverity.Error, $"{name} has size {bytes.Length} instead of {RaftFormat.MetadataSize}"));
            return null;
        }

        var span = bytes.AsSpan();
        if (BinaryPrimitives.ReadUInt64LittleEndian(span) != RaftFormat.DiskFormat)
        {
            problems.Add(Invalid(name, ProblemSeverity.Error, $"load {name}: bad format version"));
            return null;
        }

        var version = BinaryPrimitives.ReadUInt64LittleEndian(span[8..]);
        if (version == 0)
        {
            problems.Add(Invalid(name, ProblemSeverity.Error, $"load {name}: version is set to zero"));
            return null;
        }

        return new RaftMetadata(
            name,
            version,
            BinaryPrimitives.ReadUInt64LittleEndian(span[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[24..]));
    }

    private static Problem Invalid(string file, ProblemSeverity severity, string message) =>
        new(ProblemKind.MetadataInvalid, severity, message, file);
}
