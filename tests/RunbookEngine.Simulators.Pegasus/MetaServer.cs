namespace RunbookEngine.Simulators.Pegasus;

/// <summary>
/// The simulated meta server's lifecycle: what it does when it (re)starts with the config.ini it finds, including the
/// two documented coredumps (seed 004 "Common Issues"; systems.md §2.5; src/meta/server_state.cpp:698 and :823).
/// </summary>
public static class MetaServer
{
    /// <summary>Finishes a start whose time has come; returns whether the state changed.</summary>
    public static bool Advance(SimState state, DateTimeOffset now)
    {
        var meta = state.Meta;
        if (meta.Status != MetaStatus.Starting || meta.StartedAt is not { } started || now < started.AddSeconds(state.Timing.MetaStartSeconds))
        {
            return false;
        }

        Boot(state, now);
        return true;
    }

    public static void Stop(SimState state)
    {
        state.Meta.Status = MetaStatus.Stopped;
        state.Meta.StartedAt = null;
    }

    public static void Start(SimState state, DateTimeOffset now)
    {
        state.Meta.Status = MetaStatus.Starting;
        state.Meta.StartedAt = now;
        state.Meta.CrashMessage = null;
        state.Meta.Restarts++;
    }

    /// <summary>Whether the meta answers RPCs at all.</summary>
    public static bool Reachable(SimState state) => state.Meta.Status is MetaStatus.Recovering or MetaStatus.Serving;

    private static void Boot(SimState state, DateTimeOffset now)
    {
        var meta = state.Meta;
        var config = ConfigIni.Read(state.ConfigPath);
        var root = config.Get("meta_server", "cluster_root");
        if (string.IsNullOrEmpty(root))
        {
            Crash(state, now, "meta_service.cpp", 75, "meta_service", "cluster_root is not set in [meta_server]");
            return;
        }

        meta.ClusterRoot = root;
        meta.LockRoot = config.Get("meta_server", "distributed_lock_service_parameters") ?? string.Empty;
        meta.RecoverFromReplicaServer = string.Equals(config.Get("meta_server", "recover_from_replica_server"), "true", StringComparison.OrdinalIgnoreCase);
        var apps = state.Zookeeper.GetValueOrDefault(root) ?? [];
        if (apps.Count > 0)
        {
            if (meta.RecoverFromReplicaServer)
            {
                // server_state.cpp:698 initialize_data_structure(): the root must be new or empty for recovery.
                Crash(state, now, "server_state.cpp", 698, "initialize_data_structure", "find apps from remote storage, but [meta_server].recover_from_replica_server = true");
                return;
            }

            meta.Status = MetaStatus.Serving;
            return;
        }

        if (meta.RecoverFromReplicaServer)
        {
            meta.Status = MetaStatus.Recovering;
            return;
        }

        // Flag forgotten on an empty root: the meta starts with no apps and dies at the first config sync that
        // reports a replica it does not know (server_state.cpp:823 on_config_sync()).
        var unknown = state.ReplicaServers
            .Where(n => !state.Faults.UnreachableNodes.Contains(n.Key))
            .SelectMany(n => n.Value.Select(r => (Node: n.Key, Replica: r)))
            .FirstOrDefault();
        if (unknown.Replica is { } replica)
        {
            Crash(state, now, "server_state.cpp", 823, "on_config_sync",
                $"gpid({replica.AppId}.{replica.Pidx}) on node({unknown.Node}) is not exist on meta server, administrator should check consistency of meta data");
            return;
        }

        meta.Status = MetaStatus.Serving;
    }

    /// <summary>Writes the two F-lines a failed CHECK prints (format from the seed's examples) and marks the meta dead.</summary>
    private static void Crash(SimState state, DateTimeOffset now, string file, int line, string function, string message)
    {
        state.Meta.Status = MetaStatus.Crashed;
        state.Meta.CrashMessage = message;
        if (string.IsNullOrEmpty(state.MetaLogPath))
        {
            return;
        }

        var stamp = now.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var nanos = now.ToUnixTimeMilliseconds() * 1_000_000;
        var prefix = $"F{stamp} ({nanos} 26cc) meta.default0.0000269c00010001: /home/pegasus/src/meta/{file}:{line}:{function}(): ";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(state.MetaLogPath)!);
        File.AppendAllText(state.MetaLogPath, $"{prefix}assertion expression: false\n{prefix}{message}\n");
    }
}
