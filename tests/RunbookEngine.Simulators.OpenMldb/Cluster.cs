namespace RunbookEngine.Simulators.OpenMldb;

/// <summary>
/// The SIMULATOR's state machine: time-driven transitions (ops finishing, loads finishing, tablets restarting) and
/// the effects of finished ops, after src/nameserver/name_server_impl.cc as summarised in systems.md 1.6.
/// Advancing is a pure function of the state and the clock, so read-only commands compute it without saving.
/// </summary>
public static class Cluster
{
    public static void Advance(SimState state, long nowMs)
    {
        foreach (var tablet in state.Tablets.Where(t => t.RestartAtMs is { } at && at <= nowMs))
        {
            // A restarted tablet registers again: healthy, nothing in memory (memory tables are reloaded only on request).
            tablet.Up = true;
            tablet.State = "kHealthy";
            tablet.StateSinceMs = tablet.RestartAtMs!.Value;
            tablet.RestartAtMs = null;
            tablet.Loaded.Clear();
        }

        foreach (var tablet in state.Tablets)
        {
            foreach (var loaded in tablet.Loaded.Where(l => l.State == "kTableLoading" && l.ReadyAtMs is { } at && at <= nowMs))
            {
                loaded.State = state.Faults.LoadFailures.Contains($"{loaded.Tid}_{loaded.Pid}") ? "kTableUndefined" : "kTableNormal";
                loaded.ReadyAtMs = null;
            }
        }

        // Ops finish in id order; a finished op can start a follow-up op at its end time, which may itself finish.
        for (var i = 0; i < state.Ops.Count; i++)
        {
            var op = state.Ops[i];
            if (op.Status != "kDoing" || state.Faults.StuckOpTypes.Contains(op.OpType))
            {
                continue;
            }

            var end = op.StartMs + state.OpDurationMs;
            if (end > nowMs)
            {
                continue;
            }

            op.EndMs = end;
            if (state.Faults.FailedOpTypes.Contains(op.OpType) || !Apply(state, op, end))
            {
                op.Status = "kFailed";
            }
            else
            {
                op.Status = "kDone";
                op.CurTask = "-";
            }
        }
    }

    public static SimOp AddOp(SimState state, string type, string table, int pid, string endpoint, long startMs, string curTask)
    {
        var op = new SimOp { OpId = state.NextOpId++, OpType = type, Name = table, Pid = pid, Endpoint = endpoint, StartMs = startMs, CurTask = curTask };
        state.Ops.Add(op);
        return op;
    }

    public static bool Healthy(SimState state, string endpoint) => state.Tablet(endpoint) is { State: "kHealthy" };

    /// <summary>The effect of a finished op; false when the op fails (the task it is on keeps its cur_task).</summary>
    private static bool Apply(SimState state, SimOp op, long endMs)
    {
        var partition = state.Table(op.Name)?.Partitions.FirstOrDefault(p => p.Pid == op.Pid);
        var replica = partition?.Replica(op.Endpoint);
        if (partition is null)
        {
            return false;
        }

        switch (op.OpType)
        {
            case "kUpdatePartitionStatusOP":
            case "kOfflineReplicaOP":
                if (replica is not null)
                {
                    replica.IsAlive = false;
                }

                return true;
            case "kChangeLeaderOP":
                return ChangeLeader(state, partition, op.Endpoint);
            case "kRecoverTableOP":
                // RecoverEndpointTable needs an alive, healthy leader unless the partition has a single replica.
                if (replica is null || (partition.Replicas.Count > 1 && AliveLeader(state, partition) is null))
                {
                    return false;
                }

                if (replica.IsAlive)
                {
                    return true; // "table is alive": the task is a no-op.
                }

                AddOp(state, "kReAddReplicaOP", op.Name, op.Pid, op.Endpoint, endMs, "kLoadTable");
                return true;
            case "kReAddReplicaOP":
                return ReAdd(state, partition, replica, op.Name);
            default:
                return true;
        }
    }

    /// <summary>SelectLeader: the alive follower with the largest offset (or the candidate) becomes leader.</summary>
    private static bool ChangeLeader(SimState state, SimPartition partition, string offlineOrCandidate)
    {
        var offline = partition.Replica(offlineOrCandidate);
        if (offline is not null && offline.IsLeader)
        {
            offline.IsAlive = false;
        }

        var followers = partition.Replicas.Where(r => !r.IsLeader && r.IsAlive && Healthy(state, r.Endpoint)).ToList();
        var chosen = offline is { IsLeader: false, IsAlive: true } ? offline : followers.OrderByDescending(r => r.Offset).FirstOrDefault();
        if (chosen is null)
        {
            return false; // no alive follower: the partition is left without a leader.
        }

        chosen.IsLeader = true;
        var tablet = state.Tablet(chosen.Endpoint);
        var tid = state.Tables.First(t => t.Partitions.Contains(partition)).Tid;
        if (tablet?.Loaded.FirstOrDefault(l => l.Tid == tid && l.Pid == partition.Pid) is { } loaded)
        {
            loaded.Mode = "kTableLeader";
        }

        return true;
    }

    private static bool ReAdd(SimState state, SimPartition partition, SimReplica? replica, string table)
    {
        var leader = AliveLeader(state, partition);
        var tablet = replica is null ? null : state.Tablet(replica.Endpoint);
        if (replica is null || tablet is not { Up: true, State: "kHealthy" } || (leader is null && partition.Replicas.Count > 1))
        {
            return false;
        }

        var tid = state.Table(table)!.Tid;
        replica.IsLeader = leader is null && partition.Replicas.Count == 1;
        replica.IsAlive = true;
        replica.Offset = leader?.Offset ?? replica.Offset;
        replica.RecordCnt = leader?.RecordCnt ?? replica.RecordCnt;
        tablet.Loaded.RemoveAll(l => l.Tid == tid && l.Pid == partition.Pid);
        tablet.Loaded.Add(new SimLoaded { Tid = tid, Pid = partition.Pid, Mode = replica.IsLeader ? "kTableLeader" : "kTableFollower", Offset = replica.Offset, Ttl = state.Table(table)!.Ttl });
        return true;
    }

    public static SimReplica? AliveLeader(SimState state, SimPartition partition) =>
        partition.Replicas.FirstOrDefault(r => r.IsLeader && r.IsAlive && Healthy(state, r.Endpoint));
}
