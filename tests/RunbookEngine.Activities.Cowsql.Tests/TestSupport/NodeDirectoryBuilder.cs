using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Activities.Cowsql.Tests.TestSupport;

/// <summary>A throwaway node directory with files written byte by byte; deleted on dispose.</summary>
internal sealed class NodeDirectoryBuilder : IDisposable
{
    public static readonly ClusterMember Node1 = new(RaftFormat.GoDqliteBootstrapId, "127.0.0.1:9001", MemberRole.Voter);
    public static readonly ClusterMember Node2 = new(2, "127.0.0.1:9002", MemberRole.Voter);
    public static readonly ClusterMember Node3 = new(3, "127.0.0.1:9003", MemberRole.Standby);

    public NodeDirectoryBuilder()
    {
        Path = Directory.CreateTempSubdirectory("cowsql-node-").FullName;
    }

    public string Path { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public NodeDirectoryBuilder File(string name, byte[] bytes)
    {
        System.IO.File.WriteAllBytes(PathOf(name), bytes);
        return this;
    }

    public NodeDirectoryBuilder Text(string name, string text)
    {
        System.IO.File.WriteAllText(PathOf(name), text);
        return this;
    }

    public NodeDirectoryBuilder Metadata(int file, ulong version, ulong term, ulong votedFor = 0) =>
        File($"metadata{file}", RaftBytes.Metadata(version, term, votedFor));

    /// <summary>A closed segment named after <paramref name="first"/> and the number of entries in the batches.</summary>
    public NodeDirectoryBuilder Closed(ulong first, params Entry[][] batches)
    {
        var count = (ulong)batches.Sum(b => b.Length);
        return File($"{first:D16}-{first + count - 1:D16}", RaftBytes.Segment(batches.Select(b => RaftBytes.Batch(b)).ToArray()));
    }

    public NodeDirectoryBuilder Open(ulong counter, params Entry[][] batches) =>
        File($"open-{counter}", RaftBytes.OpenSegment(64 * 1024, batches.Select(b => RaftBytes.Batch(b)).ToArray()));

    /// <summary>A snapshot pair; the data file only needs to be non-empty for raft to consider it.</summary>
    public NodeDirectoryBuilder Snapshot(ulong term, ulong index, ulong timestamp, ulong configurationIndex, params ClusterMember[] members)
    {
        var name = $"snapshot-{term}-{index}-{timestamp}";
        File(name, [0x04, 0x22, 0x4D, 0x18, 1, 2, 3, 4]);
        return File(name + ".meta", RaftBytes.SnapshotMeta(configurationIndex, RaftBytes.Configuration(members)));
    }

    public NodeDirectoryBuilder Yaml(ClusterMember self, params ClusterMember[] cluster)
    {
        Text("info.yaml", Describe(self, ""));
        return Text("cluster.yaml", string.Concat(cluster.Select(m => Describe(m, "- "))));
    }

    /// <summary>The usual healthy start: metadata, bootstrap configuration at index 1, info/cluster yaml.</summary>
    public NodeDirectoryBuilder Bootstrapped(ulong term = 1)
    {
        Metadata(1, 1, term);
        Closed(1, [Entry.Change(1, Node1)]);
        return Yaml(Node1, Node1);
    }

    public NodeReport Inspect() => NodeInspector.Inspect(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static string Describe(ClusterMember member, string dash)
    {
        var code = member.Role switch { MemberRole.Voter => 0, MemberRole.Standby => 1, _ => 2 };
        var indent = dash.Length == 0 ? "" : "  ";
        return $"{dash}Address: {member.Address}\n{indent}ID: {member.Id}\n{indent}Role: {code}\n";
    }
}
