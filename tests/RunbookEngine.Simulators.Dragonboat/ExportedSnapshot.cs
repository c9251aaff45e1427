using System.Security.Cryptography;
using System.Text.Json;

namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>
/// An exported snapshot directory as <c>RequestSnapshot(…, SnapshotOption{Exported: true})</c> leaves it
/// (systems.md 4.1): <c>snapshot-&lt;INDEX %016X&gt;/</c> holding one <c>.gbsnap</c> and <c>snapshot.metadata</c>.
/// The simulator writes the metadata as JSON instead of a protobuf pb.Snapshot; the checks are the same.
/// </summary>
public sealed record SnapshotMetadata
{
    public ulong ShardId { get; init; }

    public ulong ReplicaId { get; init; }

    public ulong Index { get; init; }

    public ulong Term { get; init; }

    public string Checksum { get; init; } = string.Empty;

    public bool Imported { get; init; }

    public ulong ConfigChangeId { get; init; }

    public SortedDictionary<ulong, string> Addresses { get; init; } = [];

    public SortedDictionary<ulong, string> Removed { get; init; } = [];

    public SortedDictionary<ulong, string> NonVotings { get; init; } = [];

    public SortedDictionary<ulong, string> Witnesses { get; init; } = [];
}

/// <summary>Reads and writes exported snapshot directories, with ImportSnapshot's checks 3–6 (tools/import.go).</summary>
public static class ExportedSnapshot
{
    public const string MetadataFile = "snapshot.metadata";

    // tools/import.go: ErrPathNotExist / ErrIncompleteSnapshot texts (systems.md 4.2).
    public const string PathNotExist = "path does not exist";
    public const string Incomplete = "snapshot is incomplete";

    public static string DirName(ulong index) => $"snapshot-{index:X16}";

    public static string FileName(ulong index) => $"snapshot-{index:X16}.gbsnap";

    /// <summary>Writes an export of <paramref name="meta"/> with <paramref name="payload"/> under <paramref name="exportPath"/>; returns the snapshot dir.</summary>
    public static string Write(string exportPath, SnapshotMetadata meta, byte[] payload)
    {
        var dir = Path.Combine(exportPath, DirName(meta.Index));
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, FileName(meta.Index)), payload);
        File.WriteAllText(Path.Combine(dir, MetadataFile), JsonSerializer.Serialize(meta with { Checksum = Checksum(payload) }, SimState.Json));
        return dir;
    }

    public static string Checksum(byte[] payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <summary>Checks 3–6 in upstream order; returns the metadata and the payload file, or throws <see cref="ToolError"/>.</summary>
    public static (SnapshotMetadata Meta, string Payload) Load(string srcDir)
    {
        if (!Directory.Exists(srcDir))
        {
            throw new ToolError(PathNotExist);
        }

        var payloads = Directory.GetFiles(srcDir, "*.gbsnap", SearchOption.TopDirectoryOnly);
        if (payloads.Length != 1)
        {
            throw new ToolError(Incomplete);
        }

        var metaPath = Path.Combine(srcDir, MetadataFile);
        SnapshotMetadata? meta;
        try
        {
            meta = JsonSerializer.Deserialize<SnapshotMetadata>(File.ReadAllText(metaPath), SimState.Json);
        }
        catch (FileNotFoundException)
        {
            // Go's os error text for a missing file: step 5 returns the raw error.
            throw new ToolError($"open {metaPath}: no such file or directory");
        }
        catch (JsonException)
        {
            throw new ToolError($"failed to unmarshal {metaPath}: proto: cannot parse invalid wire-format data");
        }

        if (meta is null || meta.Checksum != Checksum(File.ReadAllBytes(payloads[0])))
        {
            throw new ToolError(Incomplete);
        }

        return (meta, payloads[0]);
    }
}

/// <summary>An error the simulated tool reports the way the Go wrapper would (its message, exit 1).</summary>
public sealed class ToolError(string message) : Exception(message);
