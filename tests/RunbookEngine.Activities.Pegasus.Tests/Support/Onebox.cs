using System.Text.Json;
using RunbookEngine.Simulators.Pegasus;

namespace RunbookEngine.Activities.Pegasus.Tests.Support;

/// <summary>
/// A simulated onebox in a temp folder: meta1/config.ini, the simulator's state file, a <c>run.sh</c> wrapper that
/// execs the pegasus-sim simulator with PEGASUS_SIM_STATE set, and a params file for pegasus/meta-recovery.
/// ZooKeeper's original root is lost (empty), the replica servers still hold every table.
/// </summary>
public sealed class Onebox : IDisposable
{
    public const string OldRoot = "/pegasus/onebox/127.0.0.1";
    public const string NewRoot = "/pegasus/onebox_recovery/127.0.0.1";

    public Onebox(int nodes = 3, double metaStartSeconds = 0.3, double recoverSeconds = 0.2)
    {
        Directory.CreateDirectory(Path.Combine(Dir, "meta1"));
        File.WriteAllText(ConfigPath, $"""
            [apps..default]
            run = true

            [meta_server]
            server_list = 127.0.0.1:34601
            cluster_root = {OldRoot}
            distributed_lock_service_parameters = {OldRoot}
            recover_from_replica_server = false
            meta_function_level_on_start = steady

            [zookeeper]
            hosts_list = 127.0.0.1:22181

            """);
        var state = new SimState
        {
            ConfigPath = ConfigPath,
            MetaLogPath = MetaLog,
            Meta = new MetaState { Status = MetaStatus.Stopped, ClusterRoot = OldRoot, LockRoot = OldRoot },
            Timing = new Timing { MetaStartSeconds = metaStartSeconds, RecoverSeconds = recoverSeconds },
        };
        Nodes = Enumerable.Range(1, nodes).Select(i => $"127.0.0.1:{34800 + i}").ToList();
        foreach (var node in Nodes)
        {
            state.ReplicaServers[node] = [];
        }

        // Table 1 "temp" (8 partitions) and 2 "stat" (4), 3 replicas each, spread round-robin over the nodes.
        foreach (var (appId, name, partitions) in new[] { (1, "temp", 8), (2, "stat", 4) })
        {
            for (var pidx = 0; pidx < partitions; pidx++)
            {
                for (var copy = 0; copy < 3; copy++)
                {
                    var node = Nodes[(pidx + copy) % Nodes.Count];
                    state.ReplicaServers[node].Add(new ReplicaInfo
                    {
                        AppId = appId, AppName = name, PartitionCount = partitions, Pidx = pidx,
                        Ballot = 5, LastCommittedDecree = 1000 + pidx - copy, LastPreparedDecree = 1000 + pidx - copy,
                    });
                }
            }
        }

        state.Save(StatePath);
        File.WriteAllText(RunSh, $"#!/bin/sh\nPEGASUS_SIM_STATE='{StatePath}' exec dotnet '{Path.Combine(AppContext.BaseDirectory, "pegasus-sim.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(RunSh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("pegasus-onebox-").FullName;

    public string ConfigPath => Path.Combine(Dir, "meta1", "config.ini");

    public string MetaLog => Path.Combine(Dir, "meta1", "log", "log.1.txt");

    public string StatePath => Path.Combine(Dir, "sim-state.json");

    public string RunSh => Path.Combine(Dir, "run.sh");

    public string StateDir => Path.Combine(Dir, "runbook-state");

    public string NodeListFile => Path.Combine(Dir, "recover_node_list");

    public List<string> Nodes { get; }

    public SimState State => SimState.Load(StatePath);

    public void Change(Action<SimState> change)
    {
        var state = State;
        change(state);
        state.Save(StatePath);
    }

    /// <summary>Writes the params file; <paramref name="extra"/> lines are appended (e.g. "skipBadNodes: true").</summary>
    public string Params(IEnumerable<string>? replicaServers = null, string configPath = "", params string[] extra)
    {
        var path = Path.Combine(Dir, "params.yaml");
        var servers = string.Join(", ", replicaServers ?? Nodes);
        File.WriteAllText(path, $"""
            configPath: {(configPath.Length > 0 ? configPath : ConfigPath)}
            recoveryClusterRoot: {NewRoot}
            recoveryLockPath: {NewRoot}
            replicaServers: [{servers}]
            nodeListFile: {NodeListFile}
            shell: ['{RunSh}', shell, --cluster, '127.0.0.1:34601']
            metaStopCommand: ['{RunSh}', stop_onebox_instance, -m, '1']
            metaStartCommand: ['{RunSh}', start_onebox_instance, -m, '1']
            metaLog: {MetaLog}
            pollInterval: 100ms
            metaStartTimeout: 30s
            {string.Join("\n", extra)}

            """);
        return path;
    }

    public Task<(int Exit, string Out, string Err)> RunbookAsync(params string[] args) => RunbookProcess.RunAsync(Dir, args);

    /// <summary><c>runbook status &lt;id&gt; --json</c>, parsed.</summary>
    public async Task<JsonElement> StatusAsync(string runId)
    {
        var status = await RunbookAsync("status", runId, "--state-dir", StateDir, "--json");
        status.Exit.ShouldBe(0, status.Err);
        using var json = JsonDocument.Parse(status.Out);
        return json.RootElement.Clone();
    }

    /// <summary>The one run in the state folder.</summary>
    public string RunId() =>
        Directory.GetDirectories(Path.Combine(StateDir, "runs")).Select(Path.GetFileName).Single(n => !n!.StartsWith('.'))!;

    public string ConfigValue(string key) =>
        File.ReadAllLines(ConfigPath).Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim() == key).Select(p => p[1].Trim()).Single();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A simulator still exiting can hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
