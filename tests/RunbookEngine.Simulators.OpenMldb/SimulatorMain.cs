namespace RunbookEngine.Simulators.OpenMldb;

/// <summary>Parses the openmldb-style flags and dispatches one non-interactive command to the SIMULATOR.</summary>
public static class SimulatorMain
{
    public static int Run(string[] args, TextWriter output, long nowMs)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"openmldb-sim: unexpected argument '{arg}'");
                return 2;
            }

            var eq = arg.IndexOf('=');
            flags[eq < 0 ? arg[2..] : arg[2..eq]] = eq < 0 ? "true" : arg[(eq + 1)..];
        }

        var statePath = flags.GetValueOrDefault("sim_state") ?? Environment.GetEnvironmentVariable("OPENMLDB_SIM_STATE");
        if (string.IsNullOrEmpty(statePath) || !File.Exists(statePath))
        {
            Console.Error.WriteLine("openmldb-sim: no state file (set OPENMLDB_SIM_STATE or --sim_state=PATH)");
            return 2;
        }

        if (flags.GetValueOrDefault("interactive") != "false" || !flags.TryGetValue("cmd", out var cmd))
        {
            Console.Error.WriteLine("openmldb-sim: only --interactive=false --cmd=... is simulated");
            return 2;
        }

        var tokens = cmd.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0)
        {
            return 0;
        }

        string text;
        switch (flags.GetValueOrDefault("role"))
        {
            case "ns_client":
                if (!flags.ContainsKey("zk_cluster") || !flags.ContainsKey("zk_root_path"))
                {
                    Console.Error.WriteLine("openmldb-sim: ns_client needs --zk_cluster and --zk_root_path");
                    return 2;
                }

                text = SimStore.Update(statePath, s => NsClient.Execute(s, tokens, nowMs));
                break;
            case "client":
                if (!flags.TryGetValue("endpoint", out var endpoint))
                {
                    Console.Error.WriteLine("openmldb-sim: client needs --endpoint");
                    return 2;
                }

                text = SimStore.Update(statePath, s => TabletClient.Execute(s, endpoint, tokens, nowMs));
                break;
            default:
                Console.Error.WriteLine("openmldb-sim: --role must be ns_client or client");
                return 2;
        }

        output.Write(text);
        return 0;
    }
}
