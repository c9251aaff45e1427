using System.Text.Json;

namespace RunbookEngine.Simulators.DeviceDb;

/// <summary>
/// Entry point of the devicedb SIMULATOR: `devicedb cluster start|snapshot|get_snapshot|download_snapshot|overview` as
/// upstream, plus `sim …` commands that only the simulator has (configuration, faults, site data, a status dump for tests).
/// The state file is $DEVICEDB_SIM_STATE.
/// </summary>
public static class Simulator
{
    public static int Run(string[] args, TextWriter stderr, Stream stdout)
    {
        try
        {
            return args switch
            {
                ["cluster", var command, .. var rest] => new Cluster(StateFile.PathFromEnvironment(), stderr, stdout, TimeProvider.System).Run(command, rest),
                ["sim", var command, .. var rest] => Sim(StateFile.PathFromEnvironment(), command, rest, stdout),
                _ => Usage(stderr),
            };
        }
        catch (GoFlagException ex)
        {
            stderr.WriteLine(ex.Message);
            return 2;
        }
        catch (SimUsageException ex)
        {
            stderr.WriteLine($"devicedb-sim: {ex.Message}");
            return 64;
        }
        finally
        {
            stderr.Flush();
        }
    }

    /// <summary>What the tests assert on: every node with its liveness and site data, and every snapshot part with its status.</summary>
    public static SimStatus Status(string statePath)
    {
        var state = StateFile.Load(statePath);
        var cluster = new Cluster(statePath, TextWriter.Null, Stream.Null, TimeProvider.System);
        var nodes = state.Nodes.Select(n =>
        {
            StoreData? data = null;
            try
            {
                data = NodeStore.HasData(n.Store) ? NodeStore.Read(n.Store) : null;
            }
            catch (InvalidDataException)
            {
            }

            return new SimNodeStatus(n.Host, n.Port, n.NodeId, Liveness.IsAlive(n.Pid, n.PidStartTime), n.Store, data?.Data ?? [], data?.Members.Count ?? 0);
        }).ToList();
        var snapshots = state.Snapshots
            .Select(s => new SimSnapshotStatus(s.Uuid, s.Port, cluster.Status(WithoutFaults(state), s.Host, s.Port, s.Uuid, "/").Status))
            .ToList();
        return new SimStatus(nodes, snapshots);
    }

    private static SimState WithoutFaults(SimState state) => new() { Nodes = state.Nodes, Snapshots = state.Snapshots, SnapshotDurationMs = state.SnapshotDurationMs };

    private static int Sim(string statePath, string command, IReadOnlyList<string> args, Stream stdout)
    {
        switch (command)
        {
            case "config":
            {
                var flags = GoFlags.Parse("sim config", args, ["snapshot_ms", "start_delay_ms"]);
                StateFile.Update(statePath, s =>
                {
                    s.SnapshotDurationMs = flags.Int("snapshot_ms", s.SnapshotDurationMs);
                    s.StartDelayMs = flags.Int("start_delay_ms", s.StartDelayMs);
                    return 0;
                });
                return 0;
            }

            case "fault":
            {
                var flags = GoFlags.Parse("sim fault", args, ["kind", "port"]);
                StateFile.Update(statePath, s =>
                {
                    var list = s.Faults.List(flags.String("kind"));
                    list.Add(flags.Int("port", 8080));
                    return 0;
                });
                return 0;
            }

            case "clear_faults":
                StateFile.Update(statePath, s => s.Faults = new SimFaults());
                return 0;

            case "put":
            {
                // Site data written through one node lands on every member (the simulator ignores partition placement).
                var flags = GoFlags.Parse("sim put", args, ["port", "key", "value"]);
                StateFile.Update(statePath, s =>
                {
                    var origin = s.Nodes.FirstOrDefault(n => n.Port == flags.Int("port", 8080)) ?? throw new SimUsageException("no such node");
                    var members = NodeStore.Read(origin.Store).Members.Select(m => m.Port).ToHashSet();
                    foreach (var node in s.Nodes.Where(n => members.Contains(n.Port)))
                    {
                        var data = NodeStore.Read(node.Store);
                        data.Data[flags.String("key")] = flags.String("value");
                        NodeStore.Write(node.Store, data);
                    }

                    return 0;
                });
                return 0;
            }

            case "status":
                JsonSerializer.Serialize(stdout, Status(statePath), new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
                return 0;

            default:
                throw new SimUsageException($"unknown sim command '{command}' (config, fault, clear_faults, put, status)");
        }
    }

    private static int Usage(TextWriter stderr)
    {
        stderr.WriteLine("Usage: devicedb cluster <start|snapshot|get_snapshot|download_snapshot|overview> [flags]   (SIMULATOR)");
        stderr.WriteLine("       devicedb sim <config|fault|clear_faults|put|status> [flags]                           (simulator only)");
        return 1;
    }
}

/// <summary>The simulator's view of the cluster, for tests.</summary>
public sealed record SimStatus(IReadOnlyList<SimNodeStatus> Nodes, IReadOnlyList<SimSnapshotStatus> Snapshots);

/// <summary>One node: whether its process runs, its store and the site data in it.</summary>
public sealed record SimNodeStatus(string Host, int Port, string NodeId, bool Running, string Store, IReadOnlyDictionary<string, string> Data, int Members);

/// <summary>One node's part of a snapshot and its status as get_snapshot would report it.</summary>
public sealed record SimSnapshotStatus(string Uuid, int Port, string Status);
