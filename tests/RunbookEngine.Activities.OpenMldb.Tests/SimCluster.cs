using System.Diagnostics;
using RunbookEngine.Simulators.OpenMldb;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>
/// A temp folder with a SIMULATOR state file and the wrapper script runbooks get as their `bin` parameter
/// (`exec dotnet openmldb-sim.dll "$@"` with the state path in the environment). Deleted on dispose.
/// </summary>
public sealed class SimCluster : IDisposable
{
    public const string Ep1 = "10.0.0.1:9527";
    public const string Ep2 = "10.0.0.2:9527";
    public const string Ep3 = "10.0.0.3:9527";

    public SimCluster(SimState state)
    {
        Dir = Directory.CreateTempSubdirectory("openmldb-sim-").FullName;
        StatePath = Path.Combine(Dir, "state.json");
        Bin = Path.Combine(Dir, "openmldb");
        // The apphost starts a little faster than `dotnet x.dll`; fall back to the dll where there is none.
        var apphost = Path.Combine(AppContext.BaseDirectory, "openmldb-sim");
        var run = File.Exists(apphost) ? $"'{apphost}'" : $"dotnet '{Path.Combine(AppContext.BaseDirectory, "openmldb-sim.dll")}'";
        File.WriteAllText(Bin, $"#!/bin/sh\nOPENMLDB_SIM_STATE='{StatePath}' exec {run} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Bin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        SimStore.Save(StatePath, state);
    }

    public string Dir { get; }

    public string StatePath { get; }

    public string Bin { get; }

    public string StateDir => Path.Combine(Dir, "runs");

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>The cluster as the simulator would report it now (timed transitions applied, nothing saved).</summary>
    public SimState Read()
    {
        var state = SimStore.Load(StatePath);
        Cluster.Advance(state, Now);
        return state;
    }

    public void Change(Action<SimState> change)
    {
        var state = SimStore.Load(StatePath);
        Cluster.Advance(state, Now);
        change(state);
        SimStore.Save(StatePath, state);
    }

    public SimReplica Replica(string table, int pid, string endpoint) =>
        Read().Table(table)!.Partitions.Single(p => p.Pid == pid).Replicas.Single(r => r.Endpoint == endpoint);

    /// <summary>Runs the simulator like an operator would, through the wrapper script.</summary>
    public string Ns(string cmd)
    {
        var info = new ProcessStartInfo(Bin) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--zk_cluster=zk:2181", "--zk_root_path=/openmldb", "--role=ns_client", "--interactive=false", $"--cmd={cmd}" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }

    public string[] Params(params string[] extra) =>
        ["-p", $"bin={Bin}", "-p", "zkCluster=zk:2181", "-p", "zkRootPath=/openmldb", "-p", "pollInterval=100ms", .. extra.SelectMany(e => new[] { "-p", e })];

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>Three healthy tablets, table flow (tid 4) with two partitions of three replicas each.</summary>
    public static SimState ThreeTablets(bool autoFailover = true)
    {
        var now = Now;
        return new SimState
        {
            AutoFailover = autoFailover,
            OpDurationMs = 150,
            LoadDurationMs = 150,
            Tablets = [new() { Endpoint = Ep1, StateSinceMs = now }, new() { Endpoint = Ep2, StateSinceMs = now }, new() { Endpoint = Ep3, StateSinceMs = now }],
            Tables =
            [
                new()
                {
                    Name = "flow", Tid = 4, Partitions =
                    [
                        new() { Pid = 0, Replicas = [new() { Endpoint = Ep2, IsLeader = true, Offset = 10 }, new() { Endpoint = Ep1, Offset = 9 }, new() { Endpoint = Ep3, Offset = 8 }] },
                        new() { Pid = 1, Replicas = [new() { Endpoint = Ep3, IsLeader = true, Offset = 10 }, new() { Endpoint = Ep1, Offset = 9 }, new() { Endpoint = Ep2, Offset = 8 }] },
                    ],
                },
            ],
        };
    }
}
