using System.Text;

namespace RunbookEngine.Simulators.Pegasus;

/// <summary>
/// The meta's start_recovery (src/meta/server_state.cpp:2440-2790, meta_data.cpp:99-176; systems.md §2.4): collect
/// from every listed node, handle bad nodes, rebuild apps (drop holders, name conflicts) and partitions (best replica
/// by ballot, committed, prepared), with the exact hint lines; on ERR_OK write the apps to ZooKeeper and serve.
/// </summary>
public static class Recovery
{
    public const string Ok = "ERR_OK";
    public const string TryAgain = "ERR_TRY_AGAIN";

    public static (string Result, string Hint) Run(SimState state, IReadOnlyList<string> nodes, bool skipBadNodes, bool skipLostPartitions)
    {
        if (state.Meta.Status != MetaStatus.Recovering)
        {
            // meta_service::on_start_recovery: a meta that is not waiting for recovery refuses.
            return ("ERR_SERVICE_ALREADY_RUNNING", string.Empty);
        }

        var hint = new StringBuilder();
        var (result, apps) = Collect(state, nodes, skipBadNodes, skipLostPartitions, hint);
        state.Recoveries.Add(new RecoveryRecord { Nodes = [.. nodes], SkipBadNodes = skipBadNodes, SkipLostPartitions = skipLostPartitions, Result = result, Hint = hint.ToString() });
        if (result == Ok)
        {
            state.Zookeeper[state.Meta.ClusterRoot] = apps;
            state.Meta.Status = MetaStatus.Serving;
        }

        return (result, hint.ToString());
    }

    private static (string Result, List<AppInfo> Apps) Collect(SimState state, IReadOnlyList<string> nodes, bool skipBadNodes, bool skipLostPartitions, StringBuilder hint)
    {
        // Since 802d2c257 (Mar 2024) the two bad-node messages have no trailing newline (systems.md §2.4.2).
        var badNodeEnd = state.Faults.LegacyHintNewlines ? "\n" : string.Empty;
        var collected = new List<(string Node, ReplicaInfo Replica)>();
        var failed = false;
        foreach (var node in nodes)
        {
            if (!state.ReplicaServers.TryGetValue(node, out var replicas) || state.Faults.UnreachableNodes.Contains(node))
            {
                if (skipBadNodes)
                {
                    hint.Append($"WARNING: collect app and replica info from node({node}) failed with err(ERR_NETWORK_FAILURE), skip the bad node{badNodeEnd}");
                }
                else
                {
                    hint.Append($"ERROR: collect app and replica info from node({node}) failed with err(ERR_NETWORK_FAILURE), you can skip it by set skip_bad_nodes option{badNodeEnd}");
                    failed = true;
                }

                continue;
            }

            collected.AddRange(replicas.Select(r => (node, r)));
        }

        if (failed)
        {
            return (TryAgain, []);
        }

        var apps = ConstructApps(collected.Select(c => c.Replica), hint);
        return ConstructPartitions(apps, collected, skipLostPartitions, hint) ? (Ok, apps) : (TryAgain, []);
    }

    private static List<AppInfo> ConstructApps(IEnumerable<ReplicaInfo> replicas, StringBuilder hint)
    {
        var byId = new SortedDictionary<int, AppInfo>();
        foreach (var r in replicas)
        {
            if (!byId.ContainsKey(r.AppId))
            {
                byId[r.AppId] = new AppInfo
                {
                    AppId = r.AppId,
                    AppName = r.AppName,
                    PartitionCount = r.PartitionCount,
                    MaxReplicaCount = r.MaxReplicaCount,
                    Status = r.AppStatus == "AS_AVAILABLE" ? "AVAILABLE" : "DROPPED",
                };
            }
        }

        var maxId = byId.Count == 0 ? 0 : byId.Keys.Max();
        for (var id = 1; id <= maxId; id++)
        {
            if (!byId.ContainsKey(id))
            {
                byId[id] = new AppInfo { AppId = id, AppName = $"__drop_holder__{id}", Status = "DROPPED", PartitionCount = 1, MaxReplicaCount = 3 };
            }
        }

        // Name conflicts: ids walked from the highest down; the highest keeps the name, others get "__<id>" appended
        // while they still conflict (state_sync_test.cpp), not "{name}-{id}" as the website doc says.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var app in byId.Values.OrderByDescending(a => a.AppId))
        {
            var name = app.AppName;
            while (!taken.Add(name))
            {
                name = $"{name}__{app.AppId}";
            }

            if (name != app.AppName)
            {
                hint.Append($"WARNING: app({app.AppId})'s old name({app.AppName}) is conflict with others, rename it to ({name})\n");
                app.AppName = name;
            }
        }

        return [.. byId.Values];
    }

    private static bool ConstructPartitions(List<AppInfo> apps, List<(string Node, ReplicaInfo Replica)> collected, bool skipLostPartitions, StringBuilder hint)
    {
        var ok = true;
        foreach (var app in apps.Where(a => a.Status == "AVAILABLE"))
        {
            for (var pidx = 0; pidx < app.PartitionCount; pidx++)
            {
                var found = collected.Where(c => c.Replica.AppId == app.AppId && c.Replica.Pidx == pidx)
                    .OrderByDescending(c => c.Replica.Ballot)
                    .ThenByDescending(c => c.Replica.LastCommittedDecree)
                    .ThenByDescending(c => c.Replica.LastPreparedDecree)
                    .Take(app.MaxReplicaCount)
                    .ToList();
                var partition = new PartitionInfo { Pidx = pidx, CollectedReplicas = found.Count };
                if (found.Count == 0)
                {
                    if (skipLostPartitions)
                    {
                        hint.Append($"WARNING: partition({app.AppId}.{pidx}) has no replica collected, force recover the lost partition to empty\n");
                        partition.ForcedEmpty = true;
                    }
                    else
                    {
                        hint.Append($"ERROR: partition({app.AppId}.{pidx}) has no replica collected, you can force recover it by set skip_lost_partitions option\n");
                        ok = false;
                    }
                }
                else
                {
                    if (found.Count < app.MaxReplicaCount)
                    {
                        hint.Append($"WARNING: partition({app.AppId}.{pidx}) only collects {found.Count}/{app.MaxReplicaCount} of replicas, may lost data\n");
                    }

                    partition.Primary = found[0].Node;
                    partition.LastCommittedDecree = found[0].Replica.LastCommittedDecree;
                }

                app.Partitions.Add(partition);
            }
        }

        return ok;
    }
}
