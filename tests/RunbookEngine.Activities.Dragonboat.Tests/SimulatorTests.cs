using RunbookEngine.Simulators.Dragonboat;

namespace RunbookEngine.Activities.Dragonboat.Tests;

/// <summary>The simulator's state machine, driven in-process: ImportSnapshot's checks in upstream order and its effects.</summary>
public sealed class SimulatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dragonboat-simstate-").FullName;
    private readonly ScenarioPaths _paths;

    public SimulatorTests() => _paths = Scenario.Create(Path.Combine(_root, "c"), Path.Combine(_root, "state.json"), 7001, 0, 0);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static SortedDictionary<ulong, string> Members(params (ulong Id, string Address)[] m) => new(m.ToDictionary(x => x.Id, x => x.Address));

    private SortedDictionary<ulong, string> NewMembers => Members((1, _paths.Addresses[0]), (4, _paths.Addresses[3]), (5, _paths.Addresses[4]));

    private ImportRequest Request(int host, ulong replica, string? snapshot = null, SortedDictionary<ulong, string>? members = null, bool dryRun = false) =>
        new(_paths.HostDirs[host - 1], _paths.Addresses[host - 1], snapshot ?? _paths.SnapshotDir, replica, members ?? NewMembers, 0, dryRun);

    private string Error(ImportRequest request) => Should.Throw<ToolError>(() => ImportTool.Run(_paths.StateFile, request)).Message;

    [Fact]
    public void Invalid_members_is_checked_before_the_path()
    {
        // Replica 4 on m5's address and a missing path: ErrInvalidMembers comes first (tools/import.go order).
        Error(Request(5, 4, snapshot: "/nowhere")).ShouldBe("invalid members");
        Error(Request(1, 7)).ShouldBe("invalid members");
    }

    [Fact]
    public void Missing_path_then_incomplete_snapshot()
    {
        Error(Request(1, 1, snapshot: Path.Combine(_root, "missing"))).ShouldBe("path does not exist");
        File.Copy(Path.Combine(_paths.SnapshotDir, ExportedSnapshot.FileName(1000)), Path.Combine(_paths.SnapshotDir, "extra.gbsnap"));
        Error(Request(1, 1)).ShouldBe("snapshot is incomplete");
    }

    [Fact]
    public void Adding_a_removed_node_and_a_foreign_directory_are_refused()
    {
        Error(Request(1, 1, members: Members((1, _paths.Addresses[0]), (2, _paths.Addresses[3])))).ShouldBe("node address changed");
        NodeHostDir.WriteFlag(_paths.HostDirs[3], new FlagContent("someone-else:1", "m4", 0));
        Error(Request(4, 4)).ShouldBe("not the owner of the data directory");
    }

    [Fact]
    public void A_held_directory_lock_means_the_NodeHost_runs_and_the_import_is_refused()
    {
        using (NodeHostDir.TryLock(_paths.HostDirs[0]).ShouldNotBeNull())
        {
            NodeHostDir.IsLocked(_paths.HostDirs[0]).ShouldBeTrue();
            Error(Request(1, 1)).ShouldBe("failed to lock data directory");
            Error(Request(1, 1, dryRun: true)).ShouldBe("failed to lock data directory");
        }

        NodeHostDir.IsLocked(_paths.HostDirs[0]).ShouldBeFalse();
    }

    [Fact]
    public void A_dry_run_writes_nothing()
    {
        var before = File.ReadAllText(_paths.StateFile);
        var outcome = ImportTool.Run(_paths.StateFile, Request(1, 1, dryRun: true));
        outcome.Removed.Keys.ShouldBe([2UL, 3UL]);
        File.ReadAllText(_paths.StateFile).ShouldBe(before);
        Directory.Exists(outcome.TargetDir).ShouldBeFalse();
    }

    [Fact]
    public void Import_rewrites_the_replica_history_and_a_leader_needs_a_majority_of_ready_members()
    {
        foreach (var (host, replica) in new[] { (1, 1UL), (4, 4UL), (5, 5UL) })
        {
            ImportTool.Run(_paths.StateFile, Request(host, replica));
        }

        var state = StateStore.Read(_paths.StateFile);
        var m1 = state.Hosts[_paths.HostDirs[0]].Replicas.Single(r => r.ReplicaId == 1);
        (m1.Commit, m1.MaxIndex, m1.Term, m1.Imported, m1.BootstrapJoin).ShouldBe((1000UL, 1000UL, 4UL, true, true));
        m1.Removed.Keys.ShouldBe([2UL, 3UL]);

        // No NodeHost runs: stopped. Locks stand in for running NodeHosts; one ready member is not a quorum, two are.
        ShardView.Of(state, _paths.HostDirs[0], m1, DateTimeOffset.UtcNow).State.ShouldBe("stopped");
        var now = DateTimeOffset.UtcNow;
        state.Hosts[_paths.HostDirs[0]].StartedAt = now.AddSeconds(-1);
        state.Hosts[_paths.HostDirs[3]].StartedAt = now.AddSeconds(-1);
        using var lock1 = NodeHostDir.TryLock(_paths.HostDirs[0]);
        ShardView.Of(state, _paths.HostDirs[0], m1, now).ShouldBe(new ReplicaView(m1, "ready", 0, 4));
        using var lock4 = NodeHostDir.TryLock(_paths.HostDirs[3]);
        ShardView.Of(state, _paths.HostDirs[0], m1, now).ShouldBe(new ReplicaView(m1, "ready", 1, 5));

        state.Timing.LoadSeconds = 60;
        ShardView.Of(state, _paths.HostDirs[0], m1, now).State.ShouldBe("loading");
    }

    [Fact]
    public void Importing_the_same_snapshot_again_gives_the_same_state()
    {
        ImportTool.Run(_paths.StateFile, Request(1, 1));
        var once = File.ReadAllText(_paths.StateFile);
        ImportTool.Run(_paths.StateFile, Request(1, 1));
        File.ReadAllText(_paths.StateFile).ShouldBe(once);
    }

    [Fact]
    public void The_cli_prints_the_tool_formats_and_exit_codes()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Environment.SetEnvironmentVariable(StateStore.EnvironmentVariable, _paths.StateFile);
        try
        {
            Simulators.Dragonboat.Cli.Run(["inspect-snapshot", "-snapshot-dir", _paths.SnapshotDir], stdout, stderr).ShouldBe(0);
            stdout.ToString().ShouldContain("index: 1000\n".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
            Simulators.Dragonboat.Cli.Run(["import", "-node-host-dir", _paths.HostDirs[0], "-replica", "1"], stdout, stderr).ShouldBe(2);
            stderr.ToString().ShouldContain("flag provided but not defined: -replica");
            Simulators.Dragonboat.Cli.Run(["import", "-node-host-dir", _paths.HostDirs[0], "-raft-address", _paths.Addresses[0], "-snapshot-dir", "/nope", "-replica-id", "9", "-members", "{\"9\":\"x\"}"], stdout, stderr).ShouldBe(1);
            stderr.ToString().ShouldContain("import failed: invalid members");
        }
        finally
        {
            Environment.SetEnvironmentVariable(StateStore.EnvironmentVariable, null);
        }
    }
}
