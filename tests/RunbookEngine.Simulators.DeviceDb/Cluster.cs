using System.Runtime.InteropServices;

namespace RunbookEngine.Simulators.DeviceDb;

/// <summary>
/// The SIMULATOR's `devicedb cluster` commands. Formats and messages follow devicedb main.go (cluster snapshot,
/// get_snapshot, download_snapshot at ac41614bc), routes/snapshot.go, error.go (DBerror codes 25-27) and
/// /work/shared/reference/systems.md §3. Everything goes to stderr except the tar and the overview tables, as upstream.
/// </summary>
public sealed class Cluster(string statePath, TextWriter stderr, Stream stdout, TimeProvider time)
{
    private static readonly string[] HostPort = ["host", "port"];

    public int Run(string command, IReadOnlyList<string> args) => command switch
    {
        "start" => Start(args),
        "snapshot" => Snapshot(args),
        "get_snapshot" => GetSnapshot(args),
        "download_snapshot" => DownloadSnapshot(args),
        "overview" => Overview(args),
        _ => Fail($"Error: \"{command}\" is not a valid cluster command.", 1),
    };

    /// <summary>`cluster start`: like the real one it runs in the foreground until SIGTERM/SIGINT.</summary>
    private int Start(IReadOnlyList<string> args)
    {
        var flags = GoFlags.Parse("cluster start", args,
            ["store", "snapshot_store", "replication_factor", "partitions", "port", "host", "join", "relay_host", "relay_port", "cert", "key", "relay_ca", "merkle", "sync_max_sessions", "sync_path_limit", "sync_period", "log_level"],
            ["replacement", "no_validate"]);
        var store = flags.String("store");
        if (store.Length == 0)
        {
            // main.go: the message names the flag; the rest of the sentence is inferred (systems.md §3.1 elides it).
            return Fail("Error: -store is a required parameter of the devicedb cluster start command", 1);
        }

        var replicationFactor = flags.Int("replication_factor", 3);
        if (replicationFactor <= 0)
        {
            return Fail("Error: -replication_factor must be a positive value", 1);
        }

        var join = flags.String("join");
        if (join.Length > 0 && !TryAddress(join, out _, out _))
        {
            return Fail("Error: -join must specify a valid address of some host in an existing cluster formatted like: host:port Ex: 10.10.102.8:80.", 1);
        }

        var host = flags.String("host", "localhost");
        var port = flags.Int("port", 8080);
        var snapshotStore = flags.String("snapshot_store");
        var pid = Environment.ProcessId;
        var error = StateFile.Update(statePath, state => Register(state, Path.GetFullPath(store), host, port, snapshotStore.Length > 0 ? Path.GetFullPath(snapshotStore) : string.Empty, join, replicationFactor, flags.Int("partitions", 1024), pid));
        if (error is not null)
        {
            return Fail(error, 1);
        }

        using var stop = new ManualResetEventSlim();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        stderr.WriteLine($"Node listening on {host}:{port}");
        stderr.Flush();
        stop.Wait();
        StateFile.Update(statePath, state =>
        {
            var node = state.Nodes.FirstOrDefault(n => n.Pid == pid);
            if (node is not null)
            {
                node.Pid = 0;
                node.PidStartTime = 0;
            }

            return 0;
        });
        stderr.WriteLine("Shutting down node");
        return 0;
    }

    private string? Register(SimState state, string store, string host, int port, string snapshotStore, string join, int replicationFactor, int partitions, int pid)
    {
        var node = Find(state, host, port);
        if (node is not null && Liveness.IsAlive(node.Pid, node.PidStartTime))
        {
            return $"Error: listen tcp 127.0.0.1:{port}: bind: address already in use";
        }

        StoreData data;
        if (NodeStore.HasData(store))
        {
            try
            {
                // A restart: node/cluster_node.go reads the node id and cluster state from the store; -join is ignored.
                data = NodeStore.Read(store);
            }
            catch (InvalidDataException ex)
            {
                return $"Error: Unable to initialize node storage: {ex.Message}";
            }
        }
        else if (join.Length > 0)
        {
            TryAddress(join, out var joinHost, out var joinPort);
            var seed = Find(state, joinHost, joinPort);
            if (seed is null || Unreachable(state, seed) is not null)
            {
                return $"Error: Unable to join cluster: Post \"http://{join}/cluster/nodes\": dial tcp {Ip(joinHost)}:{joinPort}: connect: connection refused";
            }

            var seedData = NodeStore.Read(seed.Store);
            data = new StoreData { NodeId = NewNodeId(), Partitions = seedData.Partitions, ReplicationFactor = seedData.ReplicationFactor };
            data.Members = [.. seedData.Members, new StoreMember(data.NodeId, host, port)];
            data.Data = new SortedDictionary<string, string>(seedData.Data, StringComparer.Ordinal);

            // The raft log carries the new membership to every member.
            foreach (var member in state.Nodes.Where(n => NodeStore.HasData(n.Store)))
            {
                var memberData = NodeStore.Read(member.Store);
                if (memberData.Members.Any(m => m.Id == seedData.NodeId))
                {
                    memberData.Members = data.Members;
                    NodeStore.Write(member.Store, memberData);
                }
            }
        }
        else
        {
            data = new StoreData { NodeId = NewNodeId(), Partitions = partitions, ReplicationFactor = replicationFactor };
            data.Members = [new StoreMember(data.NodeId, host, port)];
        }

        NodeStore.Write(store, data);
        if (snapshotStore.Length > 0)
        {
            Directory.CreateDirectory(snapshotStore); // goleveldb's OpenFile MkdirAll's it (systems.md §3.1).
        }

        if (node is null)
        {
            node = new SimNode { Host = host, Port = port };
            state.Nodes.Add(node);
        }

        node.Store = store;
        node.SnapshotStore = snapshotStore;
        node.NodeId = data.NodeId;
        node.Pid = pid;
        node.PidStartTime = Liveness.StartTime(pid);
        node.ReadyAt = time.GetUtcNow().AddMilliseconds(state.StartDelayMs);
        return null;
    }

    private int Snapshot(IReadOnlyList<string> args)
    {
        var flags = GoFlags.Parse("cluster snapshot", args, HostPort);
        var host = flags.String("host", "localhost");
        var port = flags.Int("port", 8080);
        var outcome = StateFile.Update(statePath, state =>
        {
            var node = Find(state, host, port);
            if (Unreachable(state, node, host, port, "POST", "/snapshot") is { } error)
            {
                return (Uuid: (string?)null, Error: error);
            }

            var uuid = Guid.NewGuid().ToString();
            var now = time.GetUtcNow();
            var members = NodeStore.Read(node!.Store).Members;
            for (var k = 0; k < members.Count; k++)
            {
                // Every member applying the ClusterSnapshot raft entry copies its store at the same index; a member that is
                // down does not (the callback fires only for live entries, never during log replay: config_controller.go:470-480).
                var member = Find(state, members[k].Host, members[k].Port);
                if (member is null || !Liveness.IsAlive(member.Pid, member.PidStartTime) || member.SnapshotStore.Length == 0 || state.Faults.Has("snapshot-missing", member.Port))
                {
                    continue;
                }

                NodeStore.CopyToSnapshot(member.Store, NodeStore.SnapshotDirectory(member.SnapshotStore, uuid, member.NodeId), uuid, writeUuid: !state.Faults.Has("snapshot-failed", member.Port));
                state.Snapshots.Add(new SimSnapshot
                {
                    Uuid = uuid,
                    Host = member.Host,
                    Port = member.Port,
                    StartedAt = now,
                    CompletesAt = state.Faults.Has("snapshot-stuck", member.Port) ? null : now.AddMilliseconds((double)state.SnapshotDurationMs * (k + 1) / members.Count),
                });
            }

            return (Uuid: uuid, Error: (string?)null);
        });
        if (outcome.Error is not null)
        {
            return Fail($"Error: Unable to take snapshot: {outcome.Error}", 1);
        }

        // routes/snapshot.go always answers processing; printSnapshot writes to stderr.
        stderr.Write($"uuid = {outcome.Uuid}\nstatus = processing\n");
        return 0;
    }

    private int GetSnapshot(IReadOnlyList<string> args)
    {
        var flags = GoFlags.Parse("cluster get_snapshot", args, ["host", "port", "uuid"]);
        var uuid = flags.String("uuid");
        if (uuid.Length == 0)
        {
            return Fail("Error: -uuid must be specified", 1);
        }

        var state = StateFile.Load(statePath);
        var (status, error) = Status(state, flags.String("host", "localhost"), flags.Int("port", 8080), uuid, "/snapshot/" + uuid);
        if (error is not null)
        {
            return Fail($"Error: Unable to get snapshot status: {error}", 1);
        }

        stderr.Write($"uuid = {uuid}\nstatus = {status}\n");
        return 0;
    }

    private int DownloadSnapshot(IReadOnlyList<string> args)
    {
        var flags = GoFlags.Parse("cluster download_snapshot", args, ["host", "port", "uuid"]);
        var uuid = flags.String("uuid");
        if (uuid.Length == 0)
        {
            return Fail("Error: -uuid must be specified", 1);
        }

        var host = flags.String("host", "localhost");
        var port = flags.Int("port", 8080);
        var state = StateFile.Load(statePath);
        var (status, error) = Status(state, host, port, uuid, $"/snapshot/{uuid}.tar");
        error ??= status switch
        {
            "processing" => "{\"message\":\"The specified snapshot is still in progress\",\"code\":25}",
            "missing" => "{\"message\":\"The snapshot could not be opened.\",\"code\":26}",
            "failed" => "{\"message\":\"The snapshot could be opened, but it appears to be incomplete or invalid.\",\"code\":27}",
            _ => null,
        };
        if (error is not null)
        {
            return Fail($"Error: Unable to download snapshot: {error}", 1);
        }

        var node = Find(state, host, port)!;
        using var buffer = new MemoryStream();
        NodeStore.WriteTar(NodeStore.SnapshotDirectory(node.SnapshotStore, uuid, node.NodeId), buffer);
        buffer.Position = 0;
        buffer.CopyTo(stdout);
        stdout.Flush();
        stderr.WriteLine($"Downloaded {buffer.Length} bytes successfully");
        return 0;
    }

    private int Overview(IReadOnlyList<string> args)
    {
        var flags = GoFlags.Parse("cluster overview", args, HostPort);
        var host = flags.String("host", "localhost");
        var port = flags.Int("port", 8080);
        var state = StateFile.Load(statePath);
        var node = Find(state, host, port);
        if (Unreachable(state, node, host, port, "GET", "/cluster") is { } error)
        {
            return Fail($"Error: Unable to get cluster overview: {error}", 1);
        }

        StoreData data;
        try
        {
            data = NodeStore.Read(node!.Store);
        }
        catch (InvalidDataException ex)
        {
            return Fail($"Error: Unable to get cluster overview: {ex.Message}", 1);
        }

        // CAPACITY % = 100 × partitions owned / total; with every partition replicated rf times over n nodes that is rf/n.
        var capacity = 100 * Math.Min(data.ReplicationFactor, data.Members.Count) / Math.Max(1, data.Members.Count);
        var rows = data.Members
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => (IReadOnlyList<string>)[m.Id, m.Host, m.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .ToList();
        stderr.WriteLine("Nodes"); // Titles go to stderr, tables to stdout (systems.md §3.6).
        stderr.Flush();
        var table = Table.Render(["Node ID", "Host", "Port", "Capacity %"], rows, ["", "", $"PARTITIONS: {data.Partitions}", $"REPLICATION FACTOR: {data.ReplicationFactor}"]);
        var bytes = System.Text.Encoding.UTF8.GetBytes(table);
        stdout.Write(bytes);
        stdout.Flush();
        return 0;
    }

    /// <summary>CheckSnapshotStatus (node/snapshotter.go) for one node, or the request error.</summary>
    public (string Status, string? Error) Status(SimState state, string host, int port, string uuid, string route)
    {
        var node = Find(state, host, port);
        if (Unreachable(state, node, host, port, "GET", route) is { } error)
        {
            return (string.Empty, error);
        }

        if (node!.SnapshotStore.Length == 0)
        {
            return (string.Empty, "No snapshot directory configured");
        }

        var record = state.Snapshots.FirstOrDefault(s => s.Uuid == uuid && s.Port == node.Port && s.Host == node.Host);
        if (record is not null && (record.CompletesAt is not { } done || done > time.GetUtcNow()))
        {
            return ("processing", null);
        }

        var directory = NodeStore.SnapshotDirectory(node.SnapshotStore, uuid, node.NodeId);
        if (!Directory.Exists(directory))
        {
            return ("missing", null);
        }

        return (NodeStore.SnapshotUuid(directory) == uuid ? "completed" : "failed", null);
    }

    private string? Unreachable(SimState state, SimNode? node, string host, int port, string verb, string route)
    {
        var url = $"{(verb == "GET" ? "Get" : "Post")} \"http://{host}:{port}{route}\"";
        if (node is null || !Liveness.IsAlive(node.Pid, node.PidStartTime) || node.ReadyAt > time.GetUtcNow())
        {
            // Go's net/http error text for a closed port (inferred: the client returns the transport error unchanged).
            return $"{url}: dial tcp {Ip(host)}:{port}: connect: connection refused";
        }

        return state.Faults.Has("unreachable", port) ? $"{url}: dial tcp {Ip(host)}:{port}: i/o timeout" : null;
    }

    private string? Unreachable(SimState state, SimNode node) => Unreachable(state, node, node.Host, node.Port, "GET", "/cluster");

    private static SimNode? Find(SimState state, string host, int port) =>
        state.Nodes.FirstOrDefault(n => n.Port == port && (n.Host == host || Ip(n.Host) == Ip(host)));

    private static string Ip(string host) => host == "localhost" ? "127.0.0.1" : host;

    private static bool TryAddress(string text, out string host, out int port)
    {
        var colon = text.LastIndexOf(':');
        host = colon > 0 ? text[..colon] : string.Empty;
        port = 0;
        return colon > 0 && int.TryParse(text[(colon + 1)..], out port) && port is > 0 and < 65536;
    }

    private static string NewNodeId() => ((ulong)Random.Shared.NextInt64(1, long.MaxValue) * 2 + (ulong)Random.Shared.Next(2)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private int Fail(string message, int code)
    {
        stderr.WriteLine(message);
        return code;
    }
}
