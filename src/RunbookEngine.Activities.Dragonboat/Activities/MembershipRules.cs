using RunbookEngine.Activities.Dragonboat.Tool;

namespace RunbookEngine.Activities.Dragonboat.Activities;

/// <summary>
/// The member checks of an import across all hosts at once: ImportSnapshot's own (tools/import.go ErrInvalidMembers
/// and checkMembers, systems.md 4.2) plus what only the whole picture shows (a member no host imports, duplicates).
/// </summary>
internal static class MembershipRules
{
    public static List<string> Problems(IReadOnlyList<Member> members, IReadOnlyList<ImportHost> hosts, IReadOnlyList<Member> snapshotMembers, IReadOnlyList<Member> snapshotRemoved)
    {
        var problems = new List<string>();
        if (members.Count == 0)
        {
            problems.Add("members is empty");
        }

        foreach (var member in members.Where(m => m.ReplicaId <= 0 || string.IsNullOrWhiteSpace(m.Address)))
        {
            problems.Add($"member {member.ReplicaId}='{member.Address}' needs a replica id above 0 and an address");
        }

        // The tool prints members as id=address lists, and runbooks compare them as quoted literals.
        foreach (var member in members.Where(m => m.Address.IndexOfAny([' ', ',', '=', '\'', '"']) >= 0))
        {
            problems.Add($"address '{member.Address}' of replica {member.ReplicaId} contains a space, comma, '=' or quote");
        }

        foreach (var group in members.GroupBy(m => m.ReplicaId).Where(g => g.Count() > 1))
        {
            problems.Add($"replica {group.Key} is listed {group.Count()} times in members");
        }

        foreach (var group in members.GroupBy(m => m.Address, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"address {group.Key} is given to replicas {string.Join(", ", group.Select(m => m.ReplicaId))}");
        }

        var byId = members.GroupBy(m => m.ReplicaId).ToDictionary(g => g.Key, g => g.First().Address);
        foreach (var host in hosts)
        {
            // ErrInvalidMembers, checked per host by ImportSnapshot: caught here before any host is touched.
            if (!byId.TryGetValue(host.ReplicaId, out var address))
            {
                problems.Add($"invalid members: host {host.RaftAddress} would import as replica {host.ReplicaId}, which is not in members");
            }
            else if (!string.Equals(address, host.RaftAddress, StringComparison.Ordinal))
            {
                problems.Add($"invalid members: members gives replica {host.ReplicaId} the address {address}, but the host importing it is {host.RaftAddress} (wrong replica id?)");
            }
        }

        foreach (var group in hosts.GroupBy(h => h.ReplicaId).Where(g => g.Count() > 1))
        {
            problems.Add($"replica {group.Key} is imported on {group.Count()} hosts");
        }

        foreach (var group in hosts.GroupBy(h => Path.GetFullPath(h.NodeHostDir), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"NodeHost directory {group.Key} is listed for {group.Count()} hosts");
        }

        foreach (var member in members.Where(m => hosts.All(h => h.ReplicaId != m.ReplicaId)))
        {
            problems.Add($"member {member.ReplicaId} ({member.Address}) is not imported on any host: every member must import the same snapshot");
        }

        // checkMembers against the snapshot's own membership.
        foreach (var member in members)
        {
            if (snapshotMembers.FirstOrDefault(s => s.ReplicaId == member.ReplicaId) is { } old && old.Address != member.Address)
            {
                problems.Add($"node address changed: replica {member.ReplicaId} is {old.Address} in the snapshot, not {member.Address}");
            }

            if (snapshotRemoved.Any(r => r.ReplicaId == member.ReplicaId))
            {
                problems.Add($"adding a removed node: replica {member.ReplicaId} was removed from the shard and can never come back");
            }
        }

        return problems;
    }
}
