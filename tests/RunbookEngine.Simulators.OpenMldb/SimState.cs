using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookEngine.Simulators.OpenMldb;

/// <summary>
/// The simulated cluster as it is kept in the state file between invocations of the SIMULATOR: nameserver
/// metadata (tables, partitions, replicas, ops, auto_failover), tablets, what each tablet has loaded, and faults.
/// Times are wall-clock Unix milliseconds so operations take real time across separate processes.
/// </summary>
public sealed class SimState
{
    public bool AutoFailover { get; set; } = true;

    /// <summary>How long an op (kChangeLeaderOP, kRecoverTableOP, kReAddReplicaOP...) stays kDoing.</summary>
    public int OpDurationMs { get; set; } = 2000;

    /// <summary>How long a loadtable stays kTableLoading before it becomes kTableNormal.</summary>
    public int LoadDurationMs { get; set; } = 3000;

    public List<SimTablet> Tablets { get; set; } = [];

    public List<SimTable> Tables { get; set; } = [];

    public List<SimOp> Ops { get; set; } = [];

    public int NextOpId { get; set; } = 1;

    public SimFaults Faults { get; set; } = new();

    /// <summary>Every command the simulator answered, for tests that check what was (not) run.</summary>
    public List<string> CommandLog { get; set; } = [];

    public SimTablet? Tablet(string endpoint) => Tablets.FirstOrDefault(t => t.Endpoint == endpoint);

    public SimTable? Table(string name) => Tables.FirstOrDefault(t => t.Name == name);
}

/// <summary>One tablet server: its nameserver state and whether its process answers.</summary>
public sealed class SimTablet
{
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>kHealthy or kOffline (the HEAD names, type.proto EndpointState; systems.md 1.5).</summary>
    public string State { get; set; } = "kHealthy";

    public long StateSinceMs { get; set; }

    /// <summary>Whether the process runs: the tablet client reaches it.</summary>
    public bool Up { get; set; } = true;

    /// <summary>When set, the process comes back (kHealthy, nothing loaded) at this time: an operator restarted it.</summary>
    public long? RestartAtMs { get; set; }

    /// <summary>Partitions in this tablet's memory (gettablestatus); a restart empties it.</summary>
    public List<SimLoaded> Loaded { get; set; } = [];
}

/// <summary>A partition loaded in a tablet's memory.</summary>
public sealed class SimLoaded
{
    public int Tid { get; set; }

    public int Pid { get; set; }

    public string Mode { get; set; } = "kTableLeader";

    public string State { get; set; } = "kTableNormal";

    public long Offset { get; set; }

    public int Ttl { get; set; }

    public long? ReadyAtMs { get; set; }
}

/// <summary>A table in the nameserver's metadata.</summary>
public sealed class SimTable
{
    public string Name { get; set; } = string.Empty;

    public int Tid { get; set; }

    public int Ttl { get; set; }

    public List<SimPartition> Partitions { get; set; } = [];
}

/// <summary>One partition and its replicas, in showtable order.</summary>
public sealed class SimPartition
{
    public int Pid { get; set; }

    public List<SimReplica> Replicas { get; set; } = [];

    public SimReplica? Replica(string endpoint) => Replicas.FirstOrDefault(r => r.Endpoint == endpoint);
}

/// <summary>One replica as the nameserver records it (table_partition / partition_meta).</summary>
public sealed class SimReplica
{
    public string Endpoint { get; set; } = string.Empty;

    public bool IsLeader { get; set; }

    public bool IsAlive { get; set; } = true;

    public long Offset { get; set; }

    public long RecordCnt { get; set; }
}

/// <summary>A nameserver op (showopstatus row) and the effect it has when it finishes.</summary>
public sealed class SimOp
{
    public int OpId { get; set; }

    public string OpType { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public int Pid { get; set; }

    /// <summary>The replica endpoint the op is about (offline/recover target, change-leader candidate or empty).</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>kInited, kDoing, kDone, kFailed, kCanceled (tablet.proto TaskStatus).</summary>
    public string Status { get; set; } = "kDoing";

    public string CurTask { get; set; } = "-";

    public long StartMs { get; set; }

    public long? EndMs { get; set; }
}

/// <summary>Fault-injection settings; tests write them into the state file.</summary>
public sealed class SimFaults
{
    /// <summary>Op types that never finish (stay kDoing): "op stuck".</summary>
    public List<string> StuckOpTypes { get; set; } = [];

    /// <summary>Op types that end kFailed without their effect: "op failed".</summary>
    public List<string> FailedOpTypes { get; set; } = [];

    /// <summary>When set, confset fails with this error message (e.g. "set zk failed").</summary>
    public string? ConfsetError { get; set; }

    /// <summary>When true, confset answers ok but auto_failover stays true (the --auto_failover flag or another operator wins).</summary>
    public bool AutoFailoverStuckOn { get; set; }

    /// <summary>tid_pid keys whose loadtable ends in kTableUndefined instead of kTableNormal (damaged snapshot/binlog).</summary>
    public List<string> LoadFailures { get; set; } = [];
}

/// <summary>Reads and writes the state file under an exclusive lock file, so concurrent invocations serialise.</summary>
public static class SimStore
{
    public static SimState Load(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), SimJson.Default.SimState) ?? throw new InvalidDataException($"{path}: empty state");

    public static void Save(string path, SimState state)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, SimJson.Default.SimState));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Runs <paramref name="action"/> with the state loaded and saves it afterwards if <paramref name="save"/> says so.</summary>
    public static T Update<T>(string path, Func<SimState, (T Result, bool Save)> action)
    {
        using var gate = Lock(path);
        var state = Load(path);
        var (result, save) = action(state);
        if (save)
        {
            Save(path, state);
        }

        return result;
    }

    private static FileStream Lock(string path)
    {
        var lockPath = path + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 400)
            {
                Thread.Sleep(25);
            }
        }
    }
}

/// <summary>Source-generated serializer: every invocation of the simulator starts a process, so no reflection warm-up.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimState))]
public sealed partial class SimJson : JsonSerializerContext;
