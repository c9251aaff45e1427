using System.Diagnostics;
using System.Text.RegularExpressions;
using RunbookEngine.Simulators.DeviceDb;

namespace RunbookEngine.Activities.DeviceDb.Tests;

/// <summary>
/// A temp folder with a devicedb SIMULATOR cluster: the state file, a `devicedb` wrapper script that runs the simulator,
/// node processes with bare pid files, and the real `runbook` CLI run out of process. Disposing stops every node
/// process it or a runbook started and deletes the folder.
/// </summary>
internal sealed partial class SimCluster : IDisposable
{
    public static readonly (string Name, int Port)[] Layout = [("ddb1", 8080), ("ddb2", 8181), ("ddb3", 8282)];
    private static readonly string SimDll = Path.Combine(AppContext.BaseDirectory, "devicedb-sim.dll");
    private readonly List<System.Diagnostics.Process> _nodes = [];

    public SimCluster()
    {
        Dir = Directory.CreateTempSubdirectory("ddb-test-").FullName;
        Tool = Path.Combine(Dir, "devicedb");
        File.WriteAllText(Tool, $"#!/bin/sh\nDEVICEDB_SIM_STATE='{StatePath}' exec dotnet '{SimDll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Dir { get; }

    public string Tool { get; }

    public string StatePath => Path.Combine(Dir, "state.json");

    public string StateDir => Path.Combine(Dir, "runs");

    public string Store(string name) => Path.Combine(Dir, name);

    public string PidFile(string name) => Path.Combine(Dir, name + ".pid");

    public string Downloads => Path.Combine(Dir, "dl");

    public SimStatus Status() => Simulator.Status(StatePath);

    /// <summary>Starts the three nodes as the seed's Restore Example does (the first creates the cluster, the others join it).</summary>
    public async Task StartAsync(int snapshotMs = 300, int startDelayMs = 0)
    {
        (await Sim("sim", "config", "-snapshot_ms", snapshotMs.ToString(), "-start_delay_ms", startDelayMs.ToString())).Exit.ShouldBe(0);
        foreach (var (name, port) in Layout)
        {
            string[] join = port == 8080 ? ["-replication_factor", "3"] : ["-join", "localhost:8080"];
            var info = new ProcessStartInfo(Tool) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in (string[])["cluster", "start", "-store", Store(name), "-port", port.ToString(), "-snapshot_store", Path.Combine(Dir, "snaps"), .. join])
            {
                info.ArgumentList.Add(arg);
            }

            var process = System.Diagnostics.Process.Start(info)!;
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            _nodes.Add(process);
            File.WriteAllText(PidFile(name), process.Id + "\n");
            await Until(() => Status().Nodes.Any(n => n.Port == port && n.Running));
        }
    }

    public async Task<(int Exit, string Out, string Err)> Sim(params string[] args) => await RunAsync(Tool, args);

    public async Task<(int Exit, string Out, string Err)> Runbook(params string[] args) =>
        await RunbookProcess.RunAsync(null, [.. args, "--catalog", Repository.Catalog, .. (args[0] == "plan" ? Array.Empty<string>() : ["--state-dir", StateDir])]);

    public System.Diagnostics.Process StartRunbook(params string[] args) => RunbookProcess.Start(null, [.. args, "--catalog", Repository.Catalog, "--state-dir", StateDir]);

    public string WriteParams(string name, string yaml)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public string SnapshotParams(string extra = "") => WriteParams("snapshot.yaml", $"""
        tool: {Tool}
        downloadDirectory: {Downloads}
        pollInterval: 200ms
        nodes:
          - name: ddb1
            port: 8080
          - name: ddb2
            port: 8181
          - name: ddb3
            port: 8282
        {extra}
        """);

    public string RestoreParams(string uuid, string extra = "") => WriteParams("restore.yaml", $"""
        tool: {Tool}
        uuid: {uuid}
        snapshotDirectory: {Downloads}
        backupDirectory: {Path.Combine(Dir, "backups")}
        pollInterval: 200ms
        stopTimeout: 5s
        nodes:
        {NodesYaml()}
        {extra}
        """);

    private string NodesYaml() => string.Join("\n", Layout.Select(n =>
        $"  - {{ name: {n.Name}, port: {n.Port}, store: {Store(n.Name)}, snapshotStore: {Path.Combine(Dir, "snaps")}, pidFile: {PidFile(n.Name)} }}"));

    /// <summary>Takes a cluster snapshot with the simulator directly and downloads every part as the runbook would name it.</summary>
    public async Task<string> TakeSnapshotAsync(string? downloads = null)
    {
        var taken = await Sim("cluster", "snapshot", "-port", "8080");
        taken.Exit.ShouldBe(0, taken.Err);
        var uuid = UuidLine().Match(taken.Err).Groups[1].Value;
        await Until(() => Status().Snapshots.Where(s => s.Uuid == uuid).All(s => s.Status == "completed"));
        Directory.CreateDirectory(downloads ?? Downloads);
        foreach (var (name, port) in Layout)
        {
            using var process = Start(Tool, ["cluster", "download_snapshot", "-port", port.ToString(), "-uuid", uuid]);
            await using (var file = File.Create(Path.Combine(downloads ?? Downloads, $"snapshot-{uuid}-{name}.tar")))
            {
                await process.StandardOutput.BaseStream.CopyToAsync(file);
            }

            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0);
        }

        return uuid;
    }

    /// <summary>The one run in the state folder.</summary>
    public string CurrentRunId() =>
        Directory.Exists(Path.Combine(StateDir, "runs")) ? Directory.GetDirectories(Path.Combine(StateDir, "runs")).Select(Path.GetFileName).SingleOrDefault(n => !n!.StartsWith('.')) ?? string.Empty : string.Empty;

    public static string RunId(string output) => RunLine().Match(output).Groups[1].Value;

    /// <summary>Waits until the run's journal shows that <paramref name="step"/> started (the engine is inside it).</summary>
    public async Task WaitForStepStartAsync(string runId, string step, System.Diagnostics.Process runner)
    {
        var journal = Path.Combine(StateDir, "runs", runId, "journal.jsonl");
        await Until(() => runner.HasExited || (File.Exists(journal) && File.ReadAllText(journal).Contains($"\"type\":\"StepStarted\",\"step\":\"{step}\"", StringComparison.Ordinal)), 60);
        runner.HasExited.ShouldBeFalse("the run ended before the wait step started");
    }

    public static async Task Until(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached in time");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            Kill(node);
        }

        // Nodes a runbook restarted run detached under process.start's JSON pid files.
        foreach (var (name, _) in Layout)
        {
            var path = PidFile(name);
            if (File.Exists(path) && PidInFile().Match(File.ReadAllText(path)) is { Success: true } match)
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(int.Parse(match.Groups[1].Value));
                    if (File.Exists($"/proc/{process.Id}/cmdline") && File.ReadAllText($"/proc/{process.Id}/cmdline").Contains("devicedb-sim", StringComparison.Ordinal))
                    {
                        Kill(process);
                    }
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Kill(System.Diagnostics.Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private static System.Diagnostics.Process Start(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return System.Diagnostics.Process.Start(info)!;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string program, IEnumerable<string> args)
    {
        using var process = Start(program, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"uuid = ([0-9a-f-]{36})")]
    private static partial Regex UuidLine();

    [GeneratedRegex(@"run (\d{8}-\d{6}-[0-9a-f]+)")]
    private static partial Regex RunLine();

    [GeneratedRegex(@"^\s*(?:\{\s*""pid""\s*:\s*)?(\d+)")]
    private static partial Regex PidInFile();
}
