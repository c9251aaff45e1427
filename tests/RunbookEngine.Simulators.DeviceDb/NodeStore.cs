using System.Formats.Tar;
using System.Text;
using System.Text.Json;

namespace RunbookEngine.Simulators.DeviceDb;

/// <summary>What a node's store holds, as the SIMULATOR models it: the raft store's node id and cluster state, and site data.</summary>
public sealed class StoreData
{
    public string NodeId { get; set; } = string.Empty;

    public int Partitions { get; set; } = 1024;

    public int ReplicationFactor { get; set; } = 3;

    public List<StoreMember> Members { get; set; } = [];

    public SortedDictionary<string, string> Data { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One cluster member in a node's raft state (node id, host, port).</summary>
public sealed record StoreMember(string Id, string Host, int Port);

/// <summary>
/// A node's store directory laid out with LevelDB's file names (CURRENT, MANIFEST-000002, LOG, 000003.log). The real
/// store is a LevelDB (node/cluster_node.go); the simulator keeps its content as JSON in 000003.log, which is enough for
/// the runbooks, which only move the files around. A snapshot adds 000005.log holding the metadata record
/// <c>\x02UUID</c> + uuid, as storage/storageEngine.go:662 writes it (prefix 2, key UUID).
/// </summary>
public static class NodeStore
{
    public const string DataFile = "000003.log";
    public const string MetadataFile = "000005.log";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static bool HasData(string store) => File.Exists(Path.Combine(store, DataFile)) || File.Exists(Path.Combine(store, "CURRENT"));

    /// <summary>Reads the store; throws <see cref="InvalidDataException"/> when it is not a store the simulator wrote.</summary>
    public static StoreData Read(string store)
    {
        var current = Path.Combine(store, "CURRENT");
        if (!File.Exists(current))
        {
            throw new InvalidDataException($"open {current}: no such file or directory");
        }

        var manifest = File.ReadAllText(current).Trim();
        if (!File.Exists(Path.Combine(store, manifest)))
        {
            throw new InvalidDataException($"leveldb: manifest corrupted (field 'comparer'): missing [file={manifest}]");
        }

        try
        {
            return JsonSerializer.Deserialize<StoreData>(File.ReadAllText(Path.Combine(store, DataFile)), Json)
                ?? throw new InvalidDataException("leveldb: corrupted journal");
        }
        catch (Exception ex) when (ex is JsonException or FileNotFoundException)
        {
            throw new InvalidDataException($"leveldb: corrupted journal [file={DataFile}]: {ex.Message}");
        }
    }

    public static void Write(string store, StoreData data)
    {
        Directory.CreateDirectory(store);
        File.WriteAllText(Path.Combine(store, "CURRENT"), "MANIFEST-000002\n");
        if (!File.Exists(Path.Combine(store, "MANIFEST-000002")))
        {
            File.WriteAllBytes(Path.Combine(store, "MANIFEST-000002"), Encoding.ASCII.GetBytes("\u0001\u001aleveldb.BytewiseComparator\u0002\u0003\u0003\u0004"));
            File.AppendAllText(Path.Combine(store, "LOG"), $"{DateTimeOffset.UtcNow:yyyy/MM/dd-HH:mm:ss.ffffff} db@open opening\n");
        }

        var temp = Path.Combine(store, DataFile + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(data, Json));
        File.Move(temp, Path.Combine(store, DataFile), overwrite: true);
    }

    public static string SnapshotDirectory(string snapshotStore, string uuid, string nodeId) => Path.Combine(snapshotStore, $"snapshot-{uuid}-{nodeId}");

    /// <summary>Copies every file of the store into the snapshot directory; <paramref name="writeUuid"/> false models a snapshot that failed half-way.</summary>
    public static void CopyToSnapshot(string store, string snapshotDirectory, string uuid, bool writeUuid)
    {
        Directory.CreateDirectory(snapshotDirectory);
        foreach (var file in Directory.GetFiles(store))
        {
            if (!file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(snapshotDirectory, Path.GetFileName(file)), overwrite: true);
            }
        }

        if (writeUuid)
        {
            File.WriteAllBytes(Path.Combine(snapshotDirectory, MetadataFile), [.. "\u0002UUID"u8, .. Encoding.ASCII.GetBytes(uuid)]);
        }
    }

    /// <summary>The UUID in the snapshot's metadata record, or null (CheckSnapshotStatus then says failed).</summary>
    public static string? SnapshotUuid(string snapshotDirectory)
    {
        var path = Path.Combine(snapshotDirectory, MetadataFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length > 5 && bytes[0] == 2 ? Encoding.ASCII.GetString(bytes, 5, bytes.Length - 5) : null;
    }

    /// <summary>The tar routes/snapshot.go streams: a flat list of the snapshot directory's files, headers with name, mode and size only.</summary>
    public static void WriteTar(string snapshotDirectory, Stream output)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var file in Directory.GetFiles(snapshotDirectory).Order(StringComparer.Ordinal))
        {
            using var data = File.OpenRead(file);
            var entry = new UstarTarEntry(TarEntryType.RegularFile, Path.GetFileName(file))
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = DateTimeOffset.UnixEpoch,
                DataStream = data,
            };
            writer.WriteEntry(entry);
        }
    }
}
