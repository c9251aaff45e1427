using System.Globalization;

namespace RunbookEngine.Simulators.OpenMldb;

/// <summary>
/// The nameserver client commands of the SIMULATOR, with the messages of src/cmd/openmldb.cc at HEAD as listed in
/// systems.md 1.3. Read-only commands never save the state; mutating ones append to <see cref="SimState.CommandLog"/>.
/// </summary>
public static class NsClient
{
    private const string AutoFailoverEnabled = "auto_failover is enabled";

    public static (string Text, bool Save) Execute(SimState s, string[] t, long now)
    {
        Cluster.Advance(s, now);
        return t[0] switch
        {
            "confget" => (ConfGet(s, t), false),
            "confset" => Mutate(s, t, ConfSet(s, t)),
            "showtablet" => (ShowTablet(s, now), false),
            "showtable" => (ShowTable(s, t), false),
            "showopstatus" => (ShowOpStatus(s, t, now), false),
            "offlineendpoint" => Mutate(s, t, OfflineEndpoint(s, t, now)),
            "recoverendpoint" => Mutate(s, t, RecoverEndpoint(s, t, now)),
            "changeleader" => Mutate(s, t, ChangeLeader(s, t, now)),
            "recovertable" => Mutate(s, t, RecoverTable(s, t, now)),
            "updatetablealive" => Mutate(s, t, UpdateTableAlive(s, t)),
            _ => ($"unsupported cmd\n", false),
        };
    }

    private static (string, bool) Mutate(SimState s, string[] t, string text)
    {
        s.CommandLog.Add(string.Join(' ', t));
        return (text, true);
    }

    private static string ConfGet(SimState s, string[] t)
    {
        if (t.Length > 1 && t[1] != "auto_failover")
        {
            // openmldb.cc:916 reuses the "set" wording for confget (systems.md 1.3).
            return $"failed to set {t[1]}. error msg: cannot found key {t[1]}\n";
        }

        return TablePrinter.Print(["key", "value"], [["auto_failover", s.AutoFailover ? "true" : "false"]]);
    }

    private static string ConfSet(SimState s, string[] t)
    {
        if (t.Length < 3)
        {
            return "Bad format\n";
        }

        if (t[1] != "auto_failover" || (t[2] != "true" && t[2] != "false"))
        {
            return $"failed to set {t[1]}. error msg: invalid parameter\n";
        }

        if (s.Faults.ConfsetError is { } error)
        {
            return $"failed to set {t[1]}. error msg: {error}\n";
        }

        s.AutoFailover = t[2] == "true" || s.Faults.AutoFailoverStuckOn;
        return $"set {t[1]} ok\n";
    }

    private static string ShowTablet(SimState s, long now) =>
        TablePrinter.Print(["endpoint", "real_endpoint", "state", "age"],
            s.Tablets.Select(tb => (IReadOnlyList<string>)[tb.Endpoint, "-", tb.State, Age(now - tb.StateSinceMs)]));

    private static string ShowTable(SimState s, string[] t)
    {
        if (t.Length > 1 && s.Table(t[1]) is null)
        {
            return "failed to showtable. error msg: table does not exist\n";
        }

        var rows = from table in s.Tables
                   where t.Length == 1 || table.Name == t[1]
                   from p in table.Partitions
                   from r in p.Replicas
                   select (IReadOnlyList<string>)[table.Name, Num(table.Tid), Num(p.Pid), r.Endpoint, r.IsLeader ? "leader" : "follower",
                       r.IsAlive ? "yes" : "no", Num(r.Offset), Num(r.RecordCnt), "0.000", "0.000"];
        return TablePrinter.Print(["name", "tid", "pid", "endpoint", "role", "is_alive", "offset", "record_cnt", "memused", "diskused"], rows);
    }

    private static string ShowOpStatus(SimState s, string[] t, long now)
    {
        var ops = s.Ops.Where(o => (t.Length < 2 || o.Name == t[1]) && (t.Length < 3 || Num(o.Pid) == t[2]));
        return TablePrinter.Print(
            ["op_id", "op_type", "name", "pid", "status", "start_time", "execute_time", "end_time", "cur_task", "for_replica_cluster"],
            ops.Select(o => (IReadOnlyList<string>)[Num(o.OpId), o.OpType, o.Name, Num(o.Pid), o.Status, Time(o.StartMs),
                $"{((o.EndMs ?? now) - o.StartMs) / 1000}s", o.EndMs is { } end ? Time(end) : "-", o.CurTask, "no"]));
    }

    private static string OfflineEndpoint(SimState s, string[] t, long now)
    {
        const string fail = "failed to offline endpoint. error msg: ";
        if (t.Length < 2)
        {
            return "Bad format\n";
        }

        if (t.Length > 2 && (!int.TryParse(t[2], out var concurrency) || concurrency <= 0))
        {
            return "Invalid args. concurrency should be greater than 0\n";
        }

        if (s.AutoFailover)
        {
            return fail + AutoFailoverEnabled + "\n";
        }

        if (s.Tablet(t[1]) is null)
        {
            return fail + "endpoint does not exist\n";
        }

        // OfflineEndpointInternal (systems.md 1.6): one op per partition that has a replica on the endpoint.
        foreach (var (table, p, r) in ReplicasOn(s, t[1]))
        {
            var type = p.Replicas.Count == 1 ? "kUpdatePartitionStatusOP"
                : r.IsLeader || Cluster.AliveLeader(s, p) is null ? "kChangeLeaderOP" : "kOfflineReplicaOP";
            Cluster.AddOp(s, type, table.Name, p.Pid, t[1], now, type == "kChangeLeaderOP" ? "kChangeLeader" : "kDelReplica");
        }

        return "offline endpoint ok\n";
    }

    private static string RecoverEndpoint(SimState s, string[] t, long now)
    {
        const string fail = "failed to recover endpoint. error msg: ";
        if (t.Length < 2)
        {
            return "Bad format\n";
        }

        if (s.AutoFailover)
        {
            return fail + AutoFailoverEnabled + "\n";
        }

        if (s.Tablet(t[1]) is not { } tablet)
        {
            return fail + "endpoint does not exist\n";
        }

        if (tablet.State != "kHealthy")
        {
            return fail + "tablet is not healthy\n";
        }

        // Only replicas that are not alive (or single replicas) get a kRecoverTableOP: a replica never offlined is skipped,
        // which is why the docs say offlineendpoint must run once before recoverendpoint.
        foreach (var (table, p, _) in ReplicasOn(s, t[1]).Where(x => !x.Replica.IsAlive || x.Partition.Replicas.Count == 1))
        {
            Cluster.AddOp(s, "kRecoverTableOP", table.Name, p.Pid, t[1], now, "kRecoverTable");
        }

        return "recover endpoint ok\n";
    }

    private static string ChangeLeader(SimState s, string[] t, long now)
    {
        const string fail = "failed to change leader. error msg: ";
        if (t.Length < 3)
        {
            return "Bad format\n";
        }

        if (s.AutoFailover)
        {
            return fail + AutoFailoverEnabled + "\n";
        }

        if (s.Table(t[1]) is not { } table)
        {
            return fail + "table does not exist\n";
        }

        if (!int.TryParse(t[2], out var pid) || table.Partitions.FirstOrDefault(p => p.Pid == pid) is not { } partition)
        {
            return fail + "pid does not exist\n";
        }

        var candidate = t.Length > 3 && t[3] != "auto" ? t[3] : null;
        if (partition.Replicas.Count < 2)
        {
            return fail + "no follower\n";
        }

        if (candidate is null && Cluster.AliveLeader(s, partition) is not null)
        {
            return fail + "leader is alive\n";
        }

        if (!partition.Replicas.Any(r => !r.IsLeader && r.IsAlive && (candidate is null || r.Endpoint == candidate)))
        {
            return fail + "no alive follower\n";
        }

        Cluster.AddOp(s, "kChangeLeaderOP", table.Name, pid, candidate ?? string.Empty, now, "kChangeLeader");
        return "change leader ok. If there are writing operations while changing a leader, it may cause data loss.\n";
    }

    private static string RecoverTable(SimState s, string[] t, long now)
    {
        const string fail = "Fail to recover table. error msg:";
        if (t.Length < 4)
        {
            return "Bad format\n";
        }

        if (s.AutoFailover)
        {
            return fail + AutoFailoverEnabled + "\n";
        }

        if (s.Tablet(t[3]) is not { } tablet)
        {
            return fail + "endpoint does not exist\n";
        }

        if (tablet.State != "kHealthy")
        {
            return fail + "tablet is not healthy\n";
        }

        if (s.Table(t[1]) is not { } table)
        {
            return fail + "table does not exist\n";
        }

        if (!int.TryParse(t[2], out var pid) || table.Partitions.FirstOrDefault(p => p.Pid == pid) is not { } partition || partition.Replica(t[3]) is not { } replica)
        {
            return fail + "pid does not exist\n";
        }

        if (replica.IsAlive)
        {
            return fail + "table is alive, need not recover\n";
        }

        Cluster.AddOp(s, "kRecoverTableOP", table.Name, pid, t[3], now, "kRecoverTable");
        return "recover table ok\n";
    }

    private static string UpdateTableAlive(SimState s, string[] t)
    {
        const string fail = "Fail to update table alive. error msg: ";
        if (t.Length < 5)
        {
            return "Bad format\n";
        }

        if (t[4] != "yes" && t[4] != "no")
        {
            return "is_alive should be yes or no\n";
        }

        if (s.AutoFailover)
        {
            return fail + AutoFailoverEnabled + "\n";
        }

        if (s.Tablet(t[3]) is null)
        {
            return fail + "endpoint does not exist\n";
        }

        if (s.Table(t[1]) is not { } table)
        {
            return fail + "table does not exist\n";
        }

        var updated = 0;
        foreach (var p in table.Partitions.Where(p => t[2] == "*" || Num(p.Pid) == t[2]))
        {
            if (p.Replica(t[3]) is { } r)
            {
                r.IsAlive = t[4] == "yes";
                updated++;
            }
        }

        return updated == 0 ? fail + "no pid has update\n" : "update ok\n";
    }

    private static IEnumerable<(SimTable Table, SimPartition Partition, SimReplica Replica)> ReplicasOn(SimState s, string endpoint) =>
        from table in s.Tables
        from p in table.Partitions
        let r = p.Replica(endpoint)
        where r is not null
        select (table, p, r);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(long ms) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), TimeZoneInfo.Local).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static string Age(long ms)
    {
        var seconds = Math.Max(0, ms / 1000);
        return seconds switch
        {
            < 60 => $"{seconds}s",
            < 3600 => $"{seconds / 60}m",
            < 86400 => $"{seconds / 3600}h",
            _ => $"{seconds / 86400}d",
        };
    }
}
