using System.Globalization;

namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>
/// Commands of the simulated tool. State file: <c>$DRAGONBOAT_SIM_STATE</c>. Exit codes: 0 ok, 1 the tool's error
/// (printed on stderr as <c>import failed: &lt;error text&gt;</c>), 2 bad usage.
/// </summary>
public static class Cli
{
    private static readonly HashSet<string> ImportFlags = ["node-host-dir", "raft-address", "snapshot-dir", "replica-id", "members", "deployment-id", "dry-run"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            stderr.WriteLine("usage: dragonboat-sim import|inspect-snapshot|info|nodehost|scenario|fault [flags]");
            return 2;
        }

        var command = args[0];
        var rest = args[1..];
        try
        {
            return command switch
            {
                "import" => Import(new Flags(rest, ImportFlags, new HashSet<string> { "dry-run" }), stdout, stderr),
                "inspect-snapshot" => InspectSnapshot(new Flags(rest, new HashSet<string> { "snapshot-dir" }), stdout, stderr),
                "info" => Info(new Flags(rest, new HashSet<string> { "node-host-dir" }), stdout),
                "nodehost" => NodeHost(new Flags(rest, new HashSet<string> { "node-host-dir", "raft-address", "deployment-id" }), stdout, stderr),
                "scenario" => CreateScenario(new Flags(rest, new HashSet<string> { "root", "base-port", "import-seconds", "load-seconds" }), stdout),
                "fault" => Fault(new Flags(rest, new HashSet<string> { "import-fails-on", "never-ready", "clear" }, new HashSet<string> { "clear" }), stdout),
                _ => throw new SimUsageException($"unknown command {command}"),
            };
        }
        catch (SimUsageException ex)
        {
            stderr.WriteLine(ex.Message);
            return 2;
        }
    }

    private static int Import(Flags flags, TextWriter stdout, TextWriter stderr)
    {
        var request = new ImportRequest(
            Path.GetFullPath(flags.Required("node-host-dir")),
            flags.Get("raft-address"),
            Path.GetFullPath(flags.Required("snapshot-dir")),
            flags.UInt("replica-id"),
            ImportTool.ParseMembers(flags.Get("members", "{}")),
            flags.UInt("deployment-id"),
            flags.Bool("dry-run"));
        var statePath = StateStore.PathFromEnvironment();
        try
        {
            var outcome = ImportTool.Run(statePath, request);
            var meta = outcome.Snapshot;
            var verb = request.DryRun ? "would import" : "imported";
            stdout.WriteLine($"{verb} snapshot {meta.Index} (term {meta.Term}) of shard {meta.ShardId} into replica {outcome.ReplicaId} on {request.RaftAddress}");
            stdout.WriteLine($"members: {ImportTool.Format(request.Members)}");
            stdout.WriteLine($"removed: {ImportTool.Format(outcome.Removed)}");
            stdout.WriteLine($"snapshot-dir: {outcome.TargetDir}");
            return 0;
        }
        catch (ToolError error)
        {
            stderr.WriteLine($"import failed: {error.Message}");
            return 1;
        }
    }

    private static int InspectSnapshot(Flags flags, TextWriter stdout, TextWriter stderr)
    {
        var dir = Path.GetFullPath(flags.Required("snapshot-dir"));
        try
        {
            var (meta, payload) = ExportedSnapshot.Load(dir);
            stdout.WriteLine($"snapshot: {dir}");
            stdout.WriteLine($"shard: {meta.ShardId}");
            stdout.WriteLine($"index: {meta.Index}");
            stdout.WriteLine($"term: {meta.Term}");
            stdout.WriteLine($"payload: {Path.GetFileName(payload)} {new FileInfo(payload).Length}");
            stdout.WriteLine($"members: {ImportTool.Format(meta.Addresses)}");
            stdout.WriteLine($"removed: {ImportTool.Format(meta.Removed)}");
            return 0;
        }
        catch (ToolError error)
        {
            stderr.WriteLine($"inspect failed: {error.Message}");
            return 1;
        }
    }

    /// <summary>Read-only: what the NodeHost dir holds and, when its NodeHost runs, each replica's state.</summary>
    private static int Info(Flags flags, TextWriter stdout)
    {
        var dir = Path.GetFullPath(flags.Required("node-host-dir"));
        var state = StateStore.Read(StateStore.PathFromEnvironment());
        var flag = NodeHostDir.ReadFlag(dir);
        var running = NodeHostDir.IsLocked(dir);
        stdout.WriteLine($"nodehost-dir: {dir}");
        stdout.WriteLine($"raft-address: {(flag?.Address is { Length: > 0 } a ? a : "-")}");
        stdout.WriteLine($"running: {(running ? "true" : "false")}");
        stdout.WriteLine($"pid: {(running && state.Hosts.TryGetValue(dir, out var h) ? h.Pid : 0)}");
        if (state.Hosts.TryGetValue(dir, out var host))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var replica in host.Replicas)
            {
                var view = ShardView.Of(state, dir, replica, now);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"replica shard={replica.ShardId} replica={replica.ReplicaId} state={view.State} leader={view.LeaderId} term={view.Term} commit={replica.Commit} max-index={replica.MaxIndex} snapshot={replica.SnapshotIndex} imported={(replica.Imported ? "true" : "false")} members={ImportTool.Format(replica.Addresses)} removed={ImportTool.Format(replica.Removed)}"));
            }
        }

        return 0;
    }

    private static int NodeHost(Flags flags, TextWriter stdout, TextWriter stderr) =>
        NodeHostProcess.Run(StateStore.PathFromEnvironment(), Path.GetFullPath(flags.Required("node-host-dir")), flags.Required("raft-address"), flags.UInt("deployment-id"), stdout, stderr);

    private static int CreateScenario(Flags flags, TextWriter stdout)
    {
        var paths = Scenario.Create(Path.GetFullPath(flags.Required("root")), StateStore.PathFromEnvironment(), (int)flags.UInt("base-port", 7001),
            flags.Double("import-seconds", 2), flags.Double("load-seconds", 10));
        stdout.WriteLine($"state: {paths.StateFile}");
        stdout.WriteLine($"snapshot: {paths.SnapshotDir}");
        for (var i = 0; i < paths.HostDirs.Count; i++)
        {
            stdout.WriteLine($"m{i + 1}: {paths.Addresses[i]} {paths.HostDirs[i]}");
        }

        return 0;
    }

    private static int Fault(Flags flags, TextWriter stdout)
    {
        StateStore.Update(StateStore.PathFromEnvironment(), state =>
        {
            if (flags.Bool("clear"))
            {
                state.Faults = new SimFaults();
            }

            if (flags.Get("import-fails-on") is { Length: > 0 } failing)
            {
                state.Faults.ImportFailsOn.Add(failing);
            }

            if (flags.Get("never-ready") is { Length: > 0 } stuck)
            {
                state.Faults.NeverReady.Add(stuck);
            }

            return (true, 0);
        });
        stdout.WriteLine("faults updated");
        return 0;
    }
}
