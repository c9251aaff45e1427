using System.Globalization;
using System.Text;

namespace RunbookEngine.Simulators.Pegasus;

/// <summary>
/// The simulated <c>run.sh shell</c> / <c>pegasus_shell</c>: reads commands from stdin (the real shell uses linenoise,
/// which reads plain lines when stdin is not a terminal) until EOF, printing what src/shell/main.cpp and
/// src/shell/commands/*.cpp print. Supported: cluster_info, ls, recover, help.
/// </summary>
public sealed class Shell(StateStore store, TextWriter stdout, TextWriter stderr, Func<DateTimeOffset> clock, Action<TimeSpan> sleep)
{
    private const string Rule = "=============================";

    public int Run(TextReader stdin, IReadOnlyList<string> args)
    {
        var meta = Option(args, "--cluster");
        var (name, metaList) = store.Update(s => ((s.ClusterName, meta ?? s.MetaAddress), false));

        // main.cpp initialize(): the banner, then the config and cluster it resolved.
        stdout.WriteLine("Pegasus Shell 2.5.0");
        stdout.WriteLine("Type \"help\" for more information.");
        stdout.WriteLine("Type \"Ctrl-D\" or \"Ctrl-C\" to exit the shell.");
        stdout.WriteLine();
        stdout.WriteLine($"The config file is: config-shell.ini.{Environment.ProcessId}");
        stdout.WriteLine($"The cluster name is: {name}");
        stdout.WriteLine($"The cluster meta list is: {metaList}");
        while (stdin.ReadLine() is { } line)
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "cluster_info":
                    ClusterInfo();
                    break;
                case "ls":
                    List(words.Contains("-a"));
                    break;
                case "recover":
                    Recover(words[1..]);
                    break;
                case "help":
                    stdout.WriteLine("Usage:");
                    stdout.WriteLine("\tcluster_info  [-r|--resolve_ip] [-o|--output file_name] [-j|--json]");
                    stdout.WriteLine("\tls            [-a|-all] [-d|--detailed] [-j|--json] [-o|--output file_name] [-s|--status all|available|creating|dropping|dropped]");
                    stdout.WriteLine("\trecover       [-f|--node_list_file file_name] [-s|--node_list_str str] [-w|--wait_seconds num] [-b|--skip_bad_nodes] [-l|--skip_lost_partitions] [-o|--output file_name]");
                    break;
                default:
                    stdout.WriteLine($"ERROR: invalid subcommand '{words[0]}'");
                    break;
            }
        }

        return 0;
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }

    /// <summary>Reads state, finishing a meta start that is due, under the lock.</summary>
    private SimState Observe() => store.Update(s => (s, MetaServer.Advance(s, clock())));

    /// <summary>What the ddl client prints when the meta does not answer (inferred: the RPC fails with a network error).</summary>
    private static string Unanswered(SimState s) => s.Meta.Status == MetaStatus.Recovering ? "ERR_UNDER_RECOVERY" : "ERR_NETWORK_FAILURE";

    private void ClusterInfo()
    {
        var s = Observe();
        if (s.Meta.Status != MetaStatus.Serving)
        {
            stdout.WriteLine($"get cluster info failed, error={Unanswered(s)}");
            return;
        }

        // output_utils.cpp table_printer, single column: "key<pad>: value" under "[cluster_info]".
        var rows = new (string, string)[]
        {
            ("meta_servers", s.MetaAddress),
            ("primary_meta_server", s.MetaAddress),
            ("zookeeper_hosts", s.ZookeeperHosts),
            ("zookeeper_root", s.Meta.ClusterRoot),
            ("meta_function_level", "steady"),
            ("balance_operation_count", "move_pri=0,copy_pri=0,copy_sec=0,total=0"),
            ("primary_replica_count_stddev", "0.00"),
            ("total_replica_count_stddev", "0.00"),
            ("cluster_name", s.ClusterName),
        };
        stdout.WriteLine("[cluster_info]");
        var width = rows.Max(r => r.Item1.Length) + 2;
        foreach (var (key, value) in rows)
        {
            stdout.WriteLine($"{key.PadRight(width)}: {value}");
        }
    }

    private void List(bool all)
    {
        var s = Observe();
        if (s.Meta.Status != MetaStatus.Serving)
        {
            stdout.WriteLine($"list apps failed, error={Unanswered(s)}");
            return;
        }

        var apps = (s.Zookeeper.GetValueOrDefault(s.Meta.ClusterRoot) ?? []).Where(a => all || a.Status == "AVAILABLE").OrderBy(a => a.AppId).ToList();
        string[] header = ["app_id", "status", "app_name", "app_type", "partition_count", "replica_count", "is_stateful", "create_time", "drop_time", "drop_expire", "envs_count", "atomic_idempotent"];
        var rows = apps.Select(a => new[]
        {
            a.AppId.ToString(CultureInfo.InvariantCulture), a.Status, a.AppName, a.AppType, a.PartitionCount.ToString(CultureInfo.InvariantCulture),
            a.MaxReplicaCount.ToString(CultureInfo.InvariantCulture), "true", "2024-03-01_10:00:00", "-", "-", "0", "false",
        }).ToList();
        stdout.WriteLine("[general_info]");
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max() + 2).ToArray();
        stdout.WriteLine(string.Concat(header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            stdout.WriteLine(string.Concat(row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        }

        stdout.WriteLine();
        stdout.WriteLine("[summary]");
        stdout.WriteLine($"total_app_count  : {apps.Count}");
    }

    /// <summary>src/shell/commands/recovery.cpp recover() then replication_ddl_client::do_recovery.</summary>
    private void Recover(string[] args)
    {
        string? file = null, list = null;
        int wait = 100;
        bool skipBad = false, skipLost = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-f" or "--node_list_file" when i + 1 < args.Length: file = args[++i]; break;
                case "-s" or "--node_list_str" when i + 1 < args.Length: list = args[++i]; break;
                case "-w" or "--wait_seconds" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out wait))
                    {
                        stderr.WriteLine($"parse {args[i]} as wait_seconds failed");
                        Usage();
                        return;
                    }

                    break;
                case "-b" or "--skip_bad_nodes": skipBad = true; break;
                case "-l" or "--skip_lost_partitions": skipLost = true; break;
                default: Usage(); return;
            }
        }

        if (wait <= 0)
        {
            stderr.WriteLine($"invalid wait_seconds {wait}, should be positive number");
            Usage();
            return;
        }

        if (file is null == (list is null))
        {
            stderr.WriteLine(file is null ? "should specify one of node_list_file/node_list_str" : "should only specify one of node_list_file/node_list_str");
            Usage();
            return;
        }

        var nodes = file is not null ? ReadNodeFile(file) : ParseNodeString(list!);
        if (nodes is null)
        {
            return;
        }

        // do_recovery: duplicates are reported and dropped; the request carries the set.
        var unique = new List<string>();
        foreach (var node in nodes)
        {
            if (unique.Contains(node))
            {
                stdout.WriteLine($"duplicate replica node {node}, just ingore it");
            }
            else
            {
                unique.Add(node);
            }
        }

        stdout.WriteLine($"Wait seconds: {wait}");
        stdout.WriteLine($"Skip bad nodes: {(skipBad ? "true" : "false")}");
        stdout.WriteLine($"Skip lost partitions: {(skipLost ? "true" : "false")}");
        stdout.WriteLine("Node list:");
        stdout.WriteLine(Rule);
        foreach (var node in unique)
        {
            stdout.WriteLine(node);
        }

        stdout.WriteLine(Rule);
        var (reachable, seconds, result, hint) = store.Update(s =>
        {
            MetaServer.Advance(s, clock());
            if (!MetaServer.Reachable(s))
            {
                return ((false, 0.0, string.Empty, string.Empty), true);
            }

            var (r, h) = Recovery.Run(s, unique, skipBad, skipLost);
            return ((true, s.Timing.RecoverSeconds, r, h), true);
        });
        stdout.Flush();
        if (!reachable)
        {
            stdout.WriteLine("Wait recovery failed, administrator should check the meta for progress");
            return;
        }

        // The shell polls the RPC once a second, printing a line for each second it is still running.
        var whole = (int)Math.Floor(seconds);
        for (var i = 0; i < whole; i++)
        {
            sleep(TimeSpan.FromSeconds(1));
            if (i >= wait - 1)
            {
                stdout.WriteLine("Wait recovery failed, administrator should check the meta for progress");
                return;
            }

            stdout.WriteLine($"Wait recovery for {i} seconds");
            stdout.Flush();
        }

        sleep(TimeSpan.FromSeconds(seconds - whole));
        stdout.WriteLine($"Recover result: {result}");
        if (hint.Length > 0)
        {
            stdout.WriteLine(Rule);
            stdout.Write(hint);
            stdout.WriteLine(Rule);
        }
    }

    private List<string>? ReadNodeFile(string file)
    {
        if (!File.Exists(file))
        {
            stderr.WriteLine($"open file {file} failed");
            return null;
        }

        var nodes = new List<string>();
        var lineno = 0;
        foreach (var raw in File.ReadAllLines(file))
        {
            lineno++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (!IsHostPort(line))
            {
                stderr.WriteLine($"parse {line} at file {file} line {lineno} as ip:port failed");
                return null;
            }

            nodes.Add(line);
        }

        if (nodes.Count == 0)
        {
            stderr.WriteLine($"no node specified in file {file}");
            return null;
        }

        return nodes;
    }

    private List<string>? ParseNodeString(string list)
    {
        var nodes = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (nodes.Count == 0)
        {
            stderr.WriteLine("can't parse node from node_list_str");
            return null;
        }

        foreach (var node in nodes.Where(n => !IsHostPort(n)))
        {
            stderr.WriteLine($"parse {node} as a ip:port node failed");
            return null;
        }

        return nodes;
    }

    private static bool IsHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && ushort.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0
            && System.Net.IPAddress.TryParse(text[..colon], out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
    }

    private void Usage()
    {
        var text = new StringBuilder("USAGE: ")
            .Append("recover       [-f|--node_list_file file_name] [-s|--node_list_str str] [-w|--wait_seconds num] [-b|--skip_bad_nodes] [-l|--skip_lost_partitions] [-o|--output file_name]");
        stdout.WriteLine(text.ToString());
    }
}
