using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookEngine.Simulators.Pegasus;

/// <summary>
/// The whole simulated cluster, kept in one JSON file (path in <c>PEGASUS_SIM_STATE</c>) so a runbook can drive it
/// across many invocations: the meta server, ZooKeeper's roots, the replica servers and what they hold, timings and
/// fault settings. This is a SIMULATOR's state, not anything the real Pegasus writes.
/// </summary>
public sealed class SimState
{
    public const string EnvironmentVariable = "PEGASUS_SIM_STATE";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The meta server's config.ini (the file the runbook edits); read when the meta (re)starts.</summary>
    public string ConfigPath { get; set; } = string.Empty;

    /// <summary>Where the meta writes its fatal log lines when it "coredumps".</summary>
    public string MetaLogPath { get; set; } = string.Empty;

    public string ClusterName { get; set; } = "onebox";

    public string MetaAddress { get; set; } = "127.0.0.1:34601";

    public string ZookeeperHosts { get; set; } = "127.0.0.1:22181";

    public MetaState Meta { get; set; } = new();

    /// <summary>ZooKeeper: cluster_root path to the tables stored under it (absent or empty = an empty root).</summary>
    public Dictionary<string, List<AppInfo>> Zookeeper { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Replica servers by address, with the replicas each one reports to RPC_QUERY_REPLICA_INFO.</summary>
    public Dictionary<string, List<ReplicaInfo>> ReplicaServers { get; set; } = new(StringComparer.Ordinal);

    public Timing Timing { get; set; } = new();

    public Faults Faults { get; set; } = new();

    /// <summary>Every start_recovery request the meta answered, for tests to assert on.</summary>
    public List<RecoveryRecord> Recoveries { get; set; } = [];

    public static SimState Load(string path) =>
        JsonSerializer.Deserialize<SimState>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no simulator state");

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>The simulated meta server process.</summary>
public sealed class MetaState
{
    /// <summary>stopped, starting, recovering, serving or crashed.</summary>
    public string Status { get; set; } = MetaStatus.Serving;

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The cluster_root the running meta uses (read from config.ini at start).</summary>
    public string ClusterRoot { get; set; } = string.Empty;

    public string LockRoot { get; set; } = string.Empty;

    public bool RecoverFromReplicaServer { get; set; }

    /// <summary>The fatal message of the last crash, as written to the meta log.</summary>
    public string? CrashMessage { get; set; }

    public int Restarts { get; set; }
}

/// <summary>Meta status names used in the state file.</summary>
public static class MetaStatus
{
    public const string Stopped = "stopped";
    public const string Starting = "starting";
    public const string Recovering = "recovering";
    public const string Serving = "serving";
    public const string Crashed = "crashed";
}

/// <summary>A table as the meta stores it in ZooKeeper (after recovery: as construct_apps rebuilt it).</summary>
public sealed class AppInfo
{
    public int AppId { get; set; }

    public string AppName { get; set; } = string.Empty;

    public string AppType { get; set; } = "pegasus";

    /// <summary>AVAILABLE or DROPPED (ZooKeeper form; server_state.cpp writes AS_CREATING as AVAILABLE).</summary>
    public string Status { get; set; } = "AVAILABLE";

    public int PartitionCount { get; set; }

    public int MaxReplicaCount { get; set; } = 3;

    public List<PartitionInfo> Partitions { get; set; } = [];
}

/// <summary>One partition's configuration after recovery: who is primary, which decree survived, and whether it was emptied.</summary>
public sealed class PartitionInfo
{
    public int Pidx { get; set; }

    public string? Primary { get; set; }

    public long LastCommittedDecree { get; set; }

    public int CollectedReplicas { get; set; }

    /// <summary>True when --skip_lost_partitions re-created it empty: its data is gone.</summary>
    public bool ForcedEmpty { get; set; }
}

/// <summary>One replica a replica server holds on disk.</summary>
public sealed class ReplicaInfo
{
    public int AppId { get; set; }

    public string AppName { get; set; } = string.Empty;

    public int PartitionCount { get; set; }

    public int MaxReplicaCount { get; set; } = 3;

    public int Pidx { get; set; }

    public long Ballot { get; set; }

    public long LastCommittedDecree { get; set; }

    public long LastPreparedDecree { get; set; }

    /// <summary>AS_AVAILABLE, or AS_DROPPED for a soft-deleted table whose retention has not expired.</summary>
    public string AppStatus { get; set; } = "AS_AVAILABLE";
}

/// <summary>How long things take; tests shorten them, the defaults are roughly what a onebox does.</summary>
public sealed class Timing
{
    /// <summary>Seconds between start_onebox_instance and the meta answering RPCs.</summary>
    public double MetaStartSeconds { get; set; } = 5;

    /// <summary>Seconds the meta needs to collect replica info during start_recovery.</summary>
    public double RecoverSeconds { get; set; } = 3;
}

/// <summary>Fault injection.</summary>
public sealed class Faults
{
    /// <summary>Replica servers that do not answer the meta (ERR_NETWORK_FAILURE during recovery).</summary>
    public List<string> UnreachableNodes { get; set; } = [];

    /// <summary>Print the bad-node hints with a trailing newline as the website doc shows (before 802d2c257); default is current code: none.</summary>
    public bool LegacyHintNewlines { get; set; }
}

/// <summary>What one start_recovery request asked and got.</summary>
public sealed class RecoveryRecord
{
    public List<string> Nodes { get; set; } = [];

    public bool SkipBadNodes { get; set; }

    public bool SkipLostPartitions { get; set; }

    public string Result { get; set; } = string.Empty;

    public string Hint { get; set; } = string.Empty;
}
