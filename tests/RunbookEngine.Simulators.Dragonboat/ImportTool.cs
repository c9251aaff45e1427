using System.Text.Json;

namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>The arguments of the import tool users write around tools.ImportSnapshot (systems.md 4.3 flags).</summary>
public sealed record ImportRequest(string NodeHostDir, string RaftAddress, string SnapshotDir, ulong ReplicaId, SortedDictionary<ulong, string> Members, ulong DeploymentId, bool DryRun);

/// <summary>What an import did (or, dry-run, would do).</summary>
public sealed record ImportOutcome(SnapshotMetadata Snapshot, ulong ReplicaId, SortedDictionary<ulong, string> Removed, string TargetDir);

/// <summary>
/// SIMULATOR of <c>tools.ImportSnapshot(nhConfig, srcDir, memberNodes, replicaID)</c> (lni/dragonboat tools/import.go,
/// systems.md 4.2): the checks in upstream order, then the rewrite of the replica's LogDB records and snapshot dir.
/// </summary>
public static class ImportTool
{
    // tools/import.go ErrInvalidMembers text and checkMembers' plain errors (systems.md 4.2 steps 2 and 7).
    public const string InvalidMembers = "invalid members";
    public const string AddressChanged = "node address changed";
    public const string AddingNonVoting = "adding an nonVoting as regular node";
    public const string AddingWitness = "adding a witness as regular node";
    public const string AddingRemoved = "adding a removed node";
    public const string DiskFull = "write snapshot: no space left on device";

    public static ImportOutcome Run(string statePath, ImportRequest request)
    {
        // 1. nhConfig.Prepare(): a NodeHostDir and RaftAddress are required.
        if (request.NodeHostDir.Length == 0 || request.RaftAddress.Length == 0)
        {
            throw new ToolError("invalid NodeHostConfig: NodeHostDir and RaftAddress must be set");
        }

        // 2. ErrInvalidMembers: replicaID is not a member, or its member address is not this host's RaftAddress.
        if (!request.Members.TryGetValue(request.ReplicaId, out var own) || own != request.RaftAddress)
        {
            throw new ToolError(InvalidMembers);
        }

        // 3–6. Path, exactly one gbsnap, readable metadata, checksum.
        var (meta, payload) = ExportedSnapshot.Load(request.SnapshotDir);

        // 7. checkMembers against the membership recorded in the snapshot.
        foreach (var (id, address) in request.Members)
        {
            if (meta.Addresses.TryGetValue(id, out var old) && old != address)
            {
                throw new ToolError(AddressChanged);
            }

            if (meta.NonVotings.ContainsKey(id))
            {
                throw new ToolError(AddingNonVoting);
            }

            if (meta.Witnesses.ContainsKey(id))
            {
                throw new ToolError(AddingWitness);
            }

            if (meta.Removed.ContainsKey(id))
            {
                throw new ToolError(AddingRemoved);
            }
        }

        // 8. Env checks on the NodeHost dir (internal/server/environment.go check()).
        if (NodeHostDir.ReadFlag(request.NodeHostDir) is { } flag)
        {
            if (!string.Equals(flag.Address.Trim(), request.RaftAddress.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new ToolError(NodeHostDir.NotOwner);
            }

            if (flag.DeploymentId != 0 && flag.DeploymentId != request.DeploymentId)
            {
                throw new ToolError(NodeHostDir.DeploymentChanged);
            }
        }

        // Removed = every old address, non-voting and witness not in memberNodes, plus the old Removed (4.2 effect 3).
        var removed = new SortedDictionary<ulong, string>(meta.Removed);
        foreach (var (id, address) in meta.Addresses.Concat(meta.NonVotings).Concat(meta.Witnesses))
        {
            if (!request.Members.ContainsKey(id))
            {
                removed[id] = address;
            }
        }

        var host = StateStore.Read(statePath).Hosts.GetValueOrDefault(request.NodeHostDir) ?? new SimHost { RaftAddress = request.RaftAddress, DeploymentId = request.DeploymentId };
        var target = NodeHostDir.SnapshotDir(request.NodeHostDir, host, meta.ShardId, request.ReplicaId);
        var outcome = new ImportOutcome(meta, request.ReplicaId, removed, target);
        if (request.DryRun)
        {
            // The NodeHost must be stopped (documented precondition); the dry run reports it without locking.
            if (NodeHostDir.IsLocked(request.NodeHostDir))
            {
                throw new ToolError(NodeHostDir.LockFailed);
            }

            return outcome;
        }

        // The wrapper locks the directory like NodeHost does, so a running NodeHost is refused (inference, 4.2).
        Directory.CreateDirectory(request.NodeHostDir);
        using var dirLock = NodeHostDir.TryLock(request.NodeHostDir) ?? throw new ToolError(NodeHostDir.LockFailed);
        Write(statePath, request, outcome, payload);
        return outcome;
    }

    private static void Write(string statePath, ImportRequest request, ImportOutcome outcome, string payload)
    {
        var meta = outcome.Snapshot;

        // Effect 1: every snapshot-*, .generating and .receiving subdir of the replica's snapshot dir is removed.
        Directory.CreateDirectory(outcome.TargetDir);
        foreach (var sub in Directory.GetDirectories(outcome.TargetDir, "snapshot-*"))
        {
            Directory.Delete(sub, recursive: true);
        }

        var faults = StateStore.Read(statePath);
        if (faults.Faults.ImportFailsOn.Contains(request.RaftAddress))
        {
            throw new ToolError(DiskFull);
        }

        // Copying takes time; the tool holds the directory lock throughout.
        Thread.Sleep(TimeSpan.FromSeconds(faults.Timing.ImportSeconds));

        // Effect 2 and 3: the gbsnap and a new snapshot record with Imported=true and the rewritten membership.
        var copy = Path.Combine(outcome.TargetDir, ExportedSnapshot.DirName(meta.Index));
        Directory.CreateDirectory(copy);
        File.Copy(payload, Path.Combine(copy, Path.GetFileName(payload)), overwrite: true);
        var record = meta with
        {
            ReplicaId = request.ReplicaId,
            Imported = true,
            ConfigChangeId = meta.Index,
            Addresses = new SortedDictionary<ulong, string>(request.Members),
            Removed = outcome.Removed,
            NonVotings = [],
            Witnesses = [],
        };
        File.WriteAllText(Path.Combine(copy, ExportedSnapshot.MetadataFile), JsonSerializer.Serialize(record, SimState.Json));

        // Effect 4: LogDB: State{Term, Commit: index}, Bootstrap{Join: true}, MaxIndex = index, the snapshot record.
        StateStore.Update(statePath, state =>
        {
            if (!state.Hosts.TryGetValue(request.NodeHostDir, out var host))
            {
                host = new SimHost { RaftAddress = request.RaftAddress, DeploymentId = request.DeploymentId };
                state.Hosts[request.NodeHostDir] = host;
            }

            host.Replicas.RemoveAll(r => r.ShardId == meta.ShardId && r.ReplicaId == request.ReplicaId);
            host.Replicas.Add(new SimReplica
            {
                ShardId = meta.ShardId,
                ReplicaId = request.ReplicaId,
                Term = meta.Term,
                Commit = meta.Index,
                MaxIndex = meta.Index,
                SnapshotIndex = meta.Index,
                Imported = true,
                BootstrapJoin = true,
                ConfigChangeId = meta.Index,
                Addresses = new SortedDictionary<ulong, string>(request.Members),
                Removed = outcome.Removed,
            });
            host.Replicas.Sort((a, b) => (a.ShardId, a.ReplicaId).CompareTo((b.ShardId, b.ReplicaId)));
            return (true, 0);
        });
    }

    /// <summary>Parses the -members flag: a JSON object of replica id to RaftAddress, e.g. {"1":"m1","4":"m4"}.</summary>
    public static SortedDictionary<ulong, string> ParseMembers(string json)
    {
        try
        {
            var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            var members = new SortedDictionary<ulong, string>();
            foreach (var (key, value) in raw)
            {
                members[ulong.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
            }

            return members;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            throw new SimUsageException($"invalid value \"{json}\" for flag -members: {ex.Message}");
        }
    }

    public static string Format(IReadOnlyDictionary<ulong, string> members) =>
        members.Count == 0 ? "-" : string.Join(',', members.Select(m => $"{m.Key}={m.Value}"));
}
