using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Cowsql.Operations;

/// <summary>One node of a cluster as cluster.yaml lists it (seed 000 A.1). Runbooks pass their richer node objects (with an API address, a data source); the other fields are ignored.</summary>
[IgnoreExtraFields]
internal sealed record ClusterNode
{
    [Description("host:port used for replication (the node's DbAddress and the name of its folder).")]
    public required string Address { get; init; }

    [Description("Raft id, a decimal unsigned 64-bit number (quoted, as ids often exceed a signed 64-bit int).")]
    public required string Id { get; init; }

    [Description("0 voter, 1 standby, 2 backup (spare).")]
    public int Role { get; init; }
}

/// <summary>
/// cluster.yaml and info.yaml as go-dqlite's app writes them (seed 000 A.1/A.2; reference §2.7): keys
/// <c>Address</c>, <c>ID</c> (decimal u64), <c>Role</c> (0 voter, 1 standby, 2 spare).
/// </summary>
internal static partial class NodeConfig
{
    [GeneratedRegex(@"^[A-Za-z0-9.\-_\[\]:]+:[0-9]{1,5}$")]
    private static partial Regex AddressPattern();

    /// <summary>Every problem with a target configuration, for input errors and plans; empty when it is usable.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ClusterNode> cluster)
    {
        var problems = new List<string>();
        if (cluster.Count == 0)
        {
            problems.Add("the cluster lists no node");
        }

        foreach (var node in cluster)
        {
            if (!AddressPattern().IsMatch(node.Address))
            {
                problems.Add($"address '{node.Address}' is not host:port");
            }

            if (!ulong.TryParse(node.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
            {
                problems.Add($"id '{node.Id}' of {node.Address} is not a decimal number above 0");
            }

            if (node.Role is < 0 or > 2)
            {
                problems.Add($"role {node.Role} of {node.Address} is not 0 (voter), 1 (standby) or 2 (backup)");
            }
        }

        problems.AddRange(cluster.GroupBy(n => n.Address, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"address {g.Key} is listed {g.Count()} times"));
        problems.AddRange(cluster.GroupBy(n => n.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"id {g.Key} is listed {g.Count()} times"));
        if (cluster.Count > 0 && cluster.All(n => n.Role != 0))
        {
            problems.Add("no node is a voter (role 0): the cluster could never elect a leader");
        }

        return problems;
    }

    public static string ClusterYaml(IEnumerable<ClusterNode> cluster)
    {
        var text = new StringBuilder();
        foreach (var node in cluster)
        {
            text.Append("- Address: ").Append(node.Address).Append('\n')
                .Append("  ID: ").Append(node.Id).Append('\n')
                .Append("  Role: ").Append(node.Role.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    public static string InfoYaml(ClusterNode node) =>
        $"Address: {node.Address}\nID: {node.Id}\nRole: {node.Role.ToString(CultureInfo.InvariantCulture)}\n";

    public static string RoleName(int role) => role switch { 0 => "voter", 1 => "standby", 2 => "backup", _ => $"role {role}" };
}
