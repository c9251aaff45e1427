using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>
/// The simulated cluster, kept in one JSON file (SIMULATOR state, not a dragonboat format): per NodeHost directory
/// what its LogDB holds for each replica, when its NodeHost process started, plus timing and fault settings.
/// </summary>
public sealed class SimState
{
    public SimTiming Timing { get; set; } = new();

    public SimFaults Faults { get; set; } = new();

    /// <summary>Keyed by the full path of the NodeHost directory (NodeHostConfig.NodeHostDir).</summary>
    public SortedDictionary<string, SimHost> Hosts { get; set; } = new(StringComparer.Ordinal);

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public SimHost? HostByAddress(string address) => Hosts.Values.FirstOrDefault(h => h.RaftAddress == address);
}

/// <summary>How long the simulated operations take; tests shorten them.</summary>
public sealed class SimTiming
{
    /// <summary>How long `import` holds the NodeHost directory while it copies the snapshot.</summary>
    public double ImportSeconds { get; set; } = 2;

    /// <summary>How long a restarted NodeHost needs to load the imported snapshot before its replica can vote.</summary>
    public double LoadSeconds { get; set; } = 10;
}

/// <summary>Fault injection: things that go wrong inside the tool or the NodeHost, not in the operator's input.</summary>
public sealed class SimFaults
{
    /// <summary>Raft addresses whose import fails half-way ("no space left on device") after cleaning the snapshot dir.</summary>
    public List<string> ImportFailsOn { get; set; } = [];

    /// <summary>Raft addresses whose NodeHost never finishes loading the snapshot (stuck replica).</summary>
    public List<string> NeverReady { get; set; } = [];
}

/// <summary>One NodeHost directory and what its LogDB holds.</summary>
public sealed class SimHost
{
    public string RaftAddress { get; set; } = string.Empty;

    /// <summary>os.Hostname() of the host; the directory layout uses it (internal/server/environment.go).</summary>
    public string Hostname { get; set; } = "sim-host";

    public ulong DeploymentId { get; set; }

    /// <summary>Set by the running NodeHost process; cleared when it stops cleanly.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public int Pid { get; set; }

    public List<SimReplica> Replicas { get; set; } = [];
}

/// <summary>The LogDB records of one replica (internal/logdb/db.go: State, Bootstrap, MaxIndex, snapshots).</summary>
public sealed class SimReplica
{
    public ulong ShardId { get; set; }

    public ulong ReplicaId { get; set; }

    public ulong Term { get; set; }

    public ulong Commit { get; set; }

    public ulong MaxIndex { get; set; }

    public ulong SnapshotIndex { get; set; }

    public bool Imported { get; set; }

    public bool BootstrapJoin { get; set; }

    public ulong ConfigChangeId { get; set; }

    public SortedDictionary<ulong, string> Addresses { get; set; } = [];

    public SortedDictionary<ulong, string> Removed { get; set; } = [];
}
