using RunbookEngine.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RunbookEngine.Cowsql.EndToEnd.Tests.Support;

/// <summary>One node of a test cluster: replication (db) and API addresses on loopback.</summary>
internal sealed record DqliteNode(int Number, string Address, string Api)
{
    public string Id { get; set; } = string.Empty;
}

/// <summary>
/// A real dqlite-demo cluster (go-dqlite: cowsql's upstream, same data layout and shell) under a private folder.
/// Every process it or a runbook starts has that folder on its command line, so disposal finds and kills them all,
/// whatever the test's outcome.
/// </summary>
internal sealed class DqliteCluster : IDisposable
{
    public const string Demo = "dqlite-demo";
    public const string Shell = "dqlite";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Dictionary<int, Process> _processes = [];

    private DqliteCluster(string root, IReadOnlyList<DqliteNode> nodes)
    {
        Root = root;
        Nodes = nodes.ToList();
        Directory.CreateDirectory(DataDirectory);
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public List<DqliteNode> Nodes { get; }

    public static DqliteCluster Create(string root, int count) =>
        new(root, Enumerable.Range(1, count).Select(i => new DqliteNode(i, $"127.0.0.1:{Ports.Free()}", $"127.0.0.1:{Ports.Free()}")).ToList());

    /// <summary>A copy of another cluster's data under a new root, with the same addresses (they are in the raft log).</summary>
    public static DqliteCluster CopyOf(DqliteCluster source, string root)
    {
        var copy = new DqliteCluster(root, source.Nodes.Select(n => new DqliteNode(n.Number, n.Address, n.Api) { Id = n.Id }).ToList());
        RunbookProcess.RunProgram("cp", ["-a", source.DataDirectory + "/.", copy.DataDirectory]).Exit.ShouldBe(0);
        return copy;
    }

    public string NodeDirectory(DqliteNode node) => Path.Combine(DataDirectory, node.Address);

    /// <summary>Runs the real `runbook` CLI to the end in this cluster's folder; real nodes are slow, so it gets four minutes.</summary>
    public (int Exit, string Out, string Err) Runbook(params string[] args) => RunbookProcess.Run(Root, args, timeout: TimeSpan.FromMinutes(4));

    /// <summary>First start: node 1 bootstraps, the others join; returns once every node is a voter.</summary>
    public void Bootstrap()
    {
        Start(Nodes[0]);
        WaitFor(() => Ports.IsOpen(Nodes[0].Address), "node 1 to listen");
        foreach (var node in Nodes.Skip(1))
        {
            Start(node, join: Nodes[0].Address);
        }

        try
        {
            WaitUntilVoters(Nodes.Count);
        }
        catch (TimeoutException e)
        {
            var exited = _processes.Where(p => p.Value.HasExited).Select(p => $"node {p.Key} exited with {p.Value.ExitCode}").ToList();
            throw new TimeoutException($"{e.Message}; {(exited.Count == 0 ? "every node is still running" : string.Join(", ", exited))}", e);
        }

        foreach (var node in Nodes)
        {
            node.Id = File.ReadAllLines(Path.Combine(NodeDirectory(node), "info.yaml")).Single(l => l.StartsWith("ID:", StringComparison.Ordinal))[3..].Trim();
        }
    }

    public void Start(DqliteNode node, string? join = null)
    {
        var args = new List<string> { "--dir", DataDirectory, "--api", node.Api, "--db", node.Address };
        if (join is not null)
        {
            args.AddRange(["--join", join]);
        }

        var info = new ProcessStartInfo(Demo) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ForEach(info.ArgumentList.Add);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[node.Number] = process;
    }

    public void StartAll(IEnumerable<DqliteNode>? nodes = null)
    {
        foreach (var node in nodes ?? Nodes)
        {
            Start(node);
        }
    }

    public void WaitUntilVoters(int voters, IEnumerable<DqliteNode>? nodes = null) =>
        WaitFor(() => TryMembers(nodes ?? Nodes)?.Count(m => m.Role == 0) == voters, $"{voters} voters");

    /// <summary>Writes keys k{from}..k{to} = v{i} through node 1's API (the demo forwards to the leader).</summary>
    public void Put(int from, int to, DqliteNode? through = null)
    {
        var api = (through ?? Nodes[0]).Api;
        for (var i = from; i <= to; i++)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var response = Http.PutAsync($"http://{api}/k{i}", new StringContent($"v{i}", Encoding.UTF8)).Result;
                    response.EnsureSuccessStatusCode();
                    break;
                }
                catch (Exception) when (attempt < 20)
                {
                    Thread.Sleep(250);
                }
            }
        }
    }

    /// <summary>Stops one node gracefully (SIGTERM: the demo hands leadership over and closes its open segment).</summary>
    public void Stop(DqliteNode node)
    {
        if (_processes.Remove(node.Number, out var process))
        {
            Terminate(process);
        }
    }

    public void StopAll()
    {
        foreach (var number in _processes.Keys.ToList())
        {
            Stop(Nodes.Single(n => n.Number == number));
        }

        KillStrays(graceful: true);
    }

    public int Count(DqliteNode node)
    {
        var (exit, stdout, stderr) = RunbookProcess.RunProgram(Shell, ["-s", node.Address, "demo", "SELECT count(*) FROM model"], timeout: TimeSpan.FromSeconds(30));
        exit.ShouldBe(0, stderr);
        return int.Parse(stdout.Trim(), CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<(string Id, string Address, int Role)> Members() =>
        TryMembers(Nodes) ?? throw new InvalidOperationException("no leader answers .cluster");

    /// <summary>Kills every process whose command line names this cluster's folder (runbook-started nodes included).</summary>
    public void KillStrays(bool graceful = false)
    {
        foreach (var pid in ProcessesUsing(Root))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (graceful)
                {
                    Terminate(process);
                }
                else
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (ArgumentException)
            {
            }
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        _processes.Clear();
        KillStrays();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static IEnumerable<int> ProcessesUsing(string text)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (cmdline.Contains(text, StringComparison.Ordinal) && cmdline.Contains(Demo, StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }

    private static void Terminate(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        RunbookProcess.RunProgram("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static IReadOnlyList<(string Id, string Address, int Role)>? TryMembers(IEnumerable<DqliteNode> nodes)
    {
        if (!nodes.Any(n => Ports.IsOpen(n.Address)))
        {
            return null;
        }

        var (exit, stdout, _) = RunbookProcess.RunProgram(Shell, ["-s", string.Join(',', nodes.Select(n => n.Address)), "-f", "json", "demo", ".cluster"], timeout: TimeSpan.FromSeconds(30));
        if (exit != 0 || stdout.Trim().Length == 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("ID").GetUInt64().ToString(CultureInfo.InvariantCulture), e.GetProperty("Address").GetString()!, e.GetProperty("Role").GetInt32()))
            .ToList();
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            Thread.Sleep(200);
        }
    }
}
