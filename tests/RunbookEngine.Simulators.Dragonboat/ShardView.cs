namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>What a replica reports once its NodeHost runs: stopped, loading the snapshot, or ready with a leader.</summary>
public sealed record ReplicaView(SimReplica Replica, string State, ulong LeaderId, ulong Term);

/// <summary>
/// The state machine of a restarted shard: a replica is <c>loading</c> for LoadSeconds after its NodeHost started,
/// then <c>ready</c>; a leader exists once a majority of the members recorded in the replica's membership are ready
/// on their hosts and hold the same imported configuration (same ConfigChangeId). The leader is the lowest ready id.
/// </summary>
public static class ShardView
{
    public static ReplicaView Of(SimState state, string dir, SimReplica replica, DateTimeOffset now)
    {
        var host = state.Hosts[dir];
        var own = StateOf(state, dir, host, now);
        if (own != "ready")
        {
            return new ReplicaView(replica, own, 0, replica.Term);
        }

        var ready = new List<ulong>();
        foreach (var (id, address) in replica.Addresses)
        {
            var peer = state.Hosts.FirstOrDefault(h => h.Value.RaftAddress == address);
            if (peer.Value is null || StateOf(state, peer.Key, peer.Value, now) != "ready")
            {
                continue;
            }

            if (peer.Value.Replicas.Any(r => r.ShardId == replica.ShardId && r.ReplicaId == id && r.ConfigChangeId == replica.ConfigChangeId))
            {
                ready.Add(id);
            }
        }

        return ready.Count * 2 > replica.Addresses.Count
            ? new ReplicaView(replica, "ready", ready.Min(), replica.Term + 1)
            : new ReplicaView(replica, "ready", 0, replica.Term);
    }

    private static string StateOf(SimState state, string dir, SimHost host, DateTimeOffset now)
    {
        if (!NodeHostDir.IsLocked(dir) || host.StartedAt is not { } started)
        {
            return "stopped";
        }

        return !state.Faults.NeverReady.Contains(host.RaftAddress) && now - started >= TimeSpan.FromSeconds(state.Timing.LoadSeconds)
            ? "ready"
            : "loading";
    }
}
