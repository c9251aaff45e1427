namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>Paths of the example scenario of the seed document (002 ImportSnapshot: shard 100, m2 and m3 lost).</summary>
public sealed record ScenarioPaths(string Root, string StateFile, string SnapshotDir, IReadOnlyList<string> HostDirs, IReadOnlyList<string> Addresses);

/// <summary>
/// Builds the seed document's example: replicas 1, 2, 3 of shard 100 on m1, m2, m3; m2 and m3 permanently lost;
/// spare hosts m4 and m5; an exported snapshot at index 1000 (term 4) under <c>backup/shard100</c>.
/// m1's log runs to index 1320, so importing the snapshot loses entries 1001–1320 there.
/// </summary>
public static class Scenario
{
    public const ulong ShardId = 100;
    public const ulong SnapshotIndex = 1000;
    public const ulong SnapshotTerm = 4;

    public static ScenarioPaths Create(string root, string stateFile, int basePort, double importSeconds, double loadSeconds)
    {
        Directory.CreateDirectory(root);
        var dirs = Enumerable.Range(1, 5).Select(i => Path.Combine(root, $"m{i}")).ToList();
        var addresses = Enumerable.Range(1, 5).Select(i => $"127.0.0.1:{basePort + i - 1}").ToList();
        var old = new SortedDictionary<ulong, string> { [1] = addresses[0], [2] = addresses[1], [3] = addresses[2] };
        var state = new SimState { Timing = new SimTiming { ImportSeconds = importSeconds, LoadSeconds = loadSeconds } };
        for (var i = 0; i < 5; i++)
        {
            var host = new SimHost { RaftAddress = addresses[i], Hostname = $"m{i + 1}" };
            if (i < 3)
            {
                host.Replicas.Add(new SimReplica
                {
                    ShardId = ShardId,
                    ReplicaId = (ulong)i + 1,
                    Term = 5,
                    Commit = 1300,
                    MaxIndex = 1320,
                    SnapshotIndex = SnapshotIndex,
                    ConfigChangeId = 7,
                    Addresses = new SortedDictionary<ulong, string>(old),
                });
            }

            state.Hosts[dirs[i]] = host;
            NodeHostDir.WriteFlag(dirs[i], new FlagContent(addresses[i], host.Hostname, 0));
        }

        StateStore.Write(stateFile, state);
        var payload = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("key=value;", 400)));
        var snapshot = ExportedSnapshot.Write(Path.Combine(root, "backup", "shard100"), new SnapshotMetadata
        {
            ShardId = ShardId,
            ReplicaId = 1,
            Index = SnapshotIndex,
            Term = SnapshotTerm,
            ConfigChangeId = 7,
            Addresses = old,
        }, payload);
        return new ScenarioPaths(root, stateFile, snapshot, dirs, addresses);
    }
}
