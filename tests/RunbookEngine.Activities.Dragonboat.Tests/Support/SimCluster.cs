using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RunbookEngine.Simulators.Dragonboat;

namespace RunbookEngine.Activities.Dragonboat.Tests.Support;

/// <summary>
/// A temp folder with the seed document's example cluster in the simulator (m1–m5, shard 100, m2 and m3 lost, an
/// exported snapshot at index 1000), a wrapper script standing in for the operator's import tool, and the runbook's
/// parameters. Dispose stops every simulated NodeHost the test started and deletes the folder.
/// </summary>
internal sealed class SimCluster : IDisposable
{
    public const string Runbook = "dragonboat/import-snapshot";
    private readonly List<System.Diagnostics.Process> _nodeHosts = [];

    public SimCluster(double importSeconds = 0.1, double loadSeconds = 1)
    {
        Root = Directory.CreateTempSubdirectory("dragonboat-sim-").FullName;
        StateFile = Path.Combine(Root, "cluster.json");
        StateDir = Path.Combine(Root, "runbook-state");
        Paths = Scenario.Create(Path.Combine(Root, "c"), StateFile, 7001, importSeconds, loadSeconds);
        Tool = Path.Combine(Root, "dragonboat-import");
        File.WriteAllText(Tool, $"#!/bin/sh\nexec dotnet '{SimDll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static string SimDll => Path.Combine(AppContext.BaseDirectory, "dragonboat-sim.dll");

    public string Root { get; }

    public string StateFile { get; }

    public string StateDir { get; }

    public string Tool { get; }

    private Dictionary<string, string> SimEnvironment => new() { ["DRAGONBOAT_SIM_STATE"] = StateFile };

    public ScenarioPaths Paths { get; }

    public string Dir(int host) => Paths.HostDirs[host - 1];

    public string Address(int host) => Paths.Addresses[host - 1];

    public string PidFile(int host) => Path.Combine(Root, $"m{host}.pid");

    public SimState State() => StateStore.Read(StateFile);

    public SimReplica? Replica(int host, ulong replicaId) => State().Hosts[Dir(host)].Replicas.SingleOrDefault(r => r.ShardId == 100 && r.ReplicaId == replicaId);

    /// <summary>Everything the simulator keeps, as text: the state file and every file under the cluster folder.</summary>
    public string Fingerprint()
    {
        var sb = new StringBuilder(File.ReadAllText(StateFile));
        foreach (var file in Directory.GetFiles(Paths.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sb.Append('\n').Append(file).Append(' ').Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))));
        }

        return sb.ToString();
    }

    /// <summary>The seed's example: hosts m1, m4, m5 run replicas 1, 4, 5.</summary>
    public string WriteParams(Func<int, int>? replicaOf = null, IEnumerable<(int Replica, int Host)>? members = null, string? snapshotDir = null,
        string readyTimeout = "1m", bool restart = true)
    {
        int[] hosts = [1, 4, 5];
        replicaOf ??= h => h;
        members ??= hosts.Select(h => (h, h));
        var yaml = new StringBuilder()
            .AppendLine($"tool: '{Tool}'")
            .AppendLine("shardId: 100")
            .AppendLine($"snapshotDir: '{snapshotDir ?? Paths.SnapshotDir}'")
            .AppendLine("pollInterval: 200ms")
            .AppendLine($"readyTimeout: {readyTimeout}")
            .AppendLine($"restart: {(restart ? "true" : "false")}")
            .AppendLine("members:");
        foreach (var (replica, host) in members)
        {
            yaml.AppendLine($"  - {{ replicaId: {replica}, address: '{Address(host)}' }}");
        }

        yaml.AppendLine("hosts:");
        foreach (var h in hosts)
        {
            yaml.AppendLine($"  - replicaId: {replicaOf(h)}")
                .AppendLine($"    raftAddress: '{Address(h)}'")
                .AppendLine($"    nodeHostDir: '{Dir(h)}'")
                .AppendLine($"    pidFile: '{PidFile(h)}'")
                .AppendLine($"    startCommand: ['{Tool}', nodehost, -node-host-dir, '{Dir(h)}', -raft-address, '{Address(h)}']");
        }

        var path = Path.Combine(Root, "params.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    public Task<(int Exit, string Out, string Err)> RunAsync(string parameters) =>
        RunbookAsync("run", Runbook, "--catalog", Repository.Catalog, "--params", parameters, "--state-dir", StateDir, "--yes");

    /// <summary>The real `runbook` CLI in this folder, pointed at the simulator's state file.</summary>
    public System.Diagnostics.Process StartRunbook(params string[] args) => RunbookProcess.Start(Root, args, SimEnvironment);

    public Task<(int Exit, string Out, string Err)> RunbookAsync(params string[] args) => RunbookProcess.RunAsync(Root, args, SimEnvironment);

    /// <summary>`runbook status --json` of the cluster's only run: its state and each step's state and error.</summary>
    public async Task<RunStatus> StatusAsync()
    {
        var runs = Path.Combine(StateDir, "runs");
        var id = Directory.GetDirectories(runs).Select(Path.GetFileName).Single(n => !n!.StartsWith('.'))!;
        var (exit, stdout, stderr) = await RunbookAsync("status", id, "--state-dir", StateDir, "--json");
        exit.ShouldBe(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => new StepStatus(
                s.GetProperty("step").GetString() + (s.GetProperty("item").ValueKind == JsonValueKind.Number ? $"[{s.GetProperty("item").GetInt32()}]" : string.Empty),
                s.GetProperty("state").GetString()!,
                s.GetProperty("error").ValueKind == JsonValueKind.Null ? null : s.GetProperty("error").ToString()))
            .ToList();
        return new RunStatus(id, json.RootElement.GetProperty("state").GetString()!, steps);
    }

    /// <summary>Starts a simulated NodeHost on host <paramref name="host"/> outside the runbook and waits until it holds its LOCK.</summary>
    public async Task StartNodeHostAsync(int host)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { SimDll, "nodehost", "-node-host-dir", Dir(host), "-raft-address", Address(host) })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DRAGONBOAT_SIM_STATE"] = StateFile;
        var process = System.Diagnostics.Process.Start(info)!;
        _nodeHosts.Add(process);
        (await process.StandardOutput.ReadLineAsync())!.ShouldStartWith("NodeHost ");
    }

    public void Dispose()
    {
        foreach (var process in _nodeHosts)
        {
            Stop(process.Id);
            process.Dispose();
        }

        foreach (var pidFile in Enumerable.Range(1, 5).Select(PidFile).Where(File.Exists))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(pidFile));
            Stop(json.RootElement.GetProperty("pid").GetInt32());
        }

        Directory.Delete(Root, recursive: true);
    }

    private static void Stop(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
