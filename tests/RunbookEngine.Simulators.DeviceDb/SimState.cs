using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookEngine.Simulators.DeviceDb;

/// <summary>The SIMULATOR's whole cluster, kept in one JSON file so that many CLI invocations drive one cluster.</summary>
public sealed class SimState
{
    public List<SimNode> Nodes { get; set; } = [];

    public List<SimSnapshot> Snapshots { get; set; } = [];

    public SimFaults Faults { get; set; } = new();

    /// <summary>How long a node takes to finish its part of a snapshot (node k of n finishes after (k+1)/n of it).</summary>
    public int SnapshotDurationMs { get; set; } = 3000;

    /// <summary>How long a started node takes to open its store and answer requests (LevelDB open, raft log replay).</summary>
    public int StartDelayMs { get; set; } = 500;
}

/// <summary>One devicedb node the simulator knows: where it listens, its store, and whether a process runs it.</summary>
public sealed class SimNode
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; }

    public string Store { get; set; } = string.Empty;

    public string SnapshotStore { get; set; } = string.Empty;

    public string NodeId { get; set; } = string.Empty;

    /// <summary>The `cluster start` process serving this node; 0 when stopped.</summary>
    public int Pid { get; set; }

    /// <summary>Kernel start time of that process (/proc/pid/stat field 22), so a reused pid is not mistaken for it.</summary>
    public long PidStartTime { get; set; }

    /// <summary>When the node answers requests (start time + start delay).</summary>
    public DateTimeOffset ReadyAt { get; set; }
}

/// <summary>One node's part of a cluster snapshot, as the raft ClusterSnapshot entry made every member start it.</summary>
public sealed class SimSnapshot
{
    public string Uuid { get; set; } = string.Empty;

    public int Port { get; set; }

    public string Host { get; set; } = "localhost";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null while stuck: the node never finishes (fault snapshot-stuck).</summary>
    public DateTimeOffset? CompletesAt { get; set; }
}

/// <summary>Fault-injection settings, by node port.</summary>
public sealed class SimFaults
{
    /// <summary>Requests to these nodes fail as if the network dropped them (the node itself keeps working).</summary>
    public List<int> Unreachable { get; set; } = [];

    /// <summary>These nodes write their snapshot without the UUID metadata key: get_snapshot says failed.</summary>
    public List<int> SnapshotFailed { get; set; } = [];

    /// <summary>These nodes never create their snapshot directory: get_snapshot says missing.</summary>
    public List<int> SnapshotMissing { get; set; } = [];

    /// <summary>These nodes stay in processing forever.</summary>
    public List<int> SnapshotStuck { get; set; } = [];

    public bool Has(string kind, int port) => List(kind).Contains(port);

    public List<int> List(string kind) => kind switch
    {
        "unreachable" => Unreachable,
        "snapshot-failed" => SnapshotFailed,
        "snapshot-missing" => SnapshotMissing,
        "snapshot-stuck" => SnapshotStuck,
        _ => throw new SimUsageException($"unknown fault '{kind}' (unreachable, snapshot-failed, snapshot-missing, snapshot-stuck)"),
    };
}

/// <summary>Reads and writes the state file under an exclusive lock file, so concurrent invocations never interleave.</summary>
public static class StateFile
{
    public const string Variable = "DEVICEDB_SIM_STATE";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static string PathFromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? path
            : throw new SimUsageException($"the simulator needs ${Variable}: the path of its state file");

    /// <summary>Runs <paramref name="action"/> with the state loaded and saves it afterwards, all under the lock.</summary>
    public static T Update<T>(string path, Func<SimState, T> action)
    {
        using var _ = Lock(path);
        var state = Read(path);
        var result = action(state);
        Write(path, state);
        return result;
    }

    /// <summary>Reads the state under the lock without writing it back.</summary>
    public static SimState Load(string path)
    {
        using var _ = Lock(path);
        return Read(path);
    }

    public static SimState Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<SimState>(File.ReadAllText(path), Json) ?? new SimState() : new SimState();

    private static void Write(string path, SimState state)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, Json));
        File.Move(temp, path, overwrite: true);
    }

    private static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }
}

/// <summary>Bad use of the simulator itself (not of the simulated tool).</summary>
public sealed class SimUsageException(string message) : Exception(message);
