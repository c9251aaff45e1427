using System.Globalization;

namespace RunbookEngine.Simulators.OpenMldb;

/// <summary>
/// The tablet client commands of the SIMULATOR (systems.md 1.4): loadtable and gettablestatus against one endpoint.
/// An endpoint whose process is down answers with a brpc connection error (inferred wording, see the docs).
/// </summary>
public static class TabletClient
{
    public static (string Text, bool Save) Execute(SimState s, string endpoint, string[] t, long now)
    {
        Cluster.Advance(s, now);
        var tablet = s.Tablet(endpoint);
        var down = tablet is not { Up: true };
        var unreachable = $"[E112]Not connected to {endpoint} yet";
        switch (t[0])
        {
            case "loadtable":
                if (t.Length < 6 || !int.TryParse(t[2], out var tid) || !int.TryParse(t[3], out var pid) || !int.TryParse(t[4], out var ttl))
                {
                    return ("Bad LoadTable format eg loadtable <name> <tid> <pid> <ttl> <seg_cnt> [<is_leader>]\n", false);
                }

                if (down)
                {
                    return ($"Fail to LoadTable: {unreachable}\n", false);
                }

                if (tablet!.Loaded.Any(l => l.Tid == tid && l.Pid == pid))
                {
                    return ("Fail to LoadTable: table already exists\n", false);
                }

                // Memory tables go kTableLoading and reload snapshot + binlog in the background (tablet_impl.cc LoadTable).
                var offset = s.Table(t[1])?.Partitions.FirstOrDefault(p => p.Pid == pid)?.Replica(endpoint)?.Offset ?? 0;
                var leader = t.Length < 7 || t[6] == "true";
                tablet.Loaded.Add(new SimLoaded
                {
                    Tid = tid, Pid = pid, Ttl = ttl, Offset = offset, Mode = leader ? "kTableLeader" : "kTableFollower",
                    State = "kTableLoading", ReadyAtMs = now + s.LoadDurationMs,
                });
                s.CommandLog.Add($"{endpoint} {string.Join(' ', t)}");
                return ("LoadTable ok\n", true);
            case "gettablestatus":
                if (t.Length != 1 && t.Length != 3)
                {
                    return ("Bad gettablestatus format\n", false);
                }

                if (down)
                {
                    return ($"gettablestatus failed, error msg: {unreachable}\n", false);
                }

                var rows = tablet!.Loaded.Where(l => t.Length == 1 || (Num(l.Tid) == t[1] && Num(l.Pid) == t[2])).ToList();
                if (t.Length == 3 && rows.Count == 0)
                {
                    return ("gettablestatus failed, error msg: table is not exist\n", false);
                }

                return (TablePrinter.Print(
                    ["tid", "pid", "offset", "mode", "state", "enable_expire", "ttl", "ttl_offset", "memused", "compress_type", "skiplist_height"],
                    rows.Select(l => (IReadOnlyList<string>)[Num(l.Tid), Num(l.Pid), Num(l.Offset), l.Mode, l.State, "false", $"{l.Ttl}min", "0s", "0.000", "kNoCompress", "1"])), false);
            default:
                return ("unsupported cmd\n", false);
        }
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
