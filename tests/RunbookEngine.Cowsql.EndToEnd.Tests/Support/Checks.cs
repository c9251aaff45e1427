using System.Security.Cryptography;
using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Cowsql.EndToEnd.Tests.Support;

/// <summary>What every end-to-end test asserts about the cluster a runbook left behind.</summary>
internal static class Checks
{
    /// <summary>
    /// With the cluster running: every node answers the key count and `.cluster` lists exactly the expected members
    /// as voters. Then the cluster is stopped and every node's own log is read offline: all reached the same last
    /// index, give or take the few no-op entries a leadership hand-over appends while nodes stop one by one, so the
    /// data is on every node, not only on the leader (a lagging node misses 20 or more entries here).
    /// </summary>
    public static void ClusterIsWhole(DqliteCluster cluster, IReadOnlyList<DqliteNode> nodes, int keys)
    {
        foreach (var node in nodes)
        {
            cluster.Count(node).ShouldBe(keys, $"key count through {node.Address}");
        }

        var members = cluster.Members();
        members.Select(m => m.Address).Order().ShouldBe(nodes.Select(n => n.Address).Order());
        members.ShouldAllBe(m => m.Role == 0);
        members.Select(m => m.Id).Order().ShouldBe(nodes.Select(n => n.Id).Order());

        // Give followers a moment to apply the last entries before stopping, then compare their logs offline.
        Thread.Sleep(1000);
        cluster.StopAll();
        var reports = nodes.Select(n => NodeInspector.Inspect(cluster.NodeDirectory(n))).ToList();
        reports.ShouldAllBe(r => !r.HasErrors);
        var highest = reports.Max(r => r.LastIndex);
        reports.ShouldAllBe(r => highest - r.LastIndex <= 4, string.Join("; ", reports.Select(r => $"{r.Directory}: {r.LastIndex}")));
        reports.ShouldAllBe(r => r.Configuration != null && r.Configuration.Members.Select(m => m.Address).Order().SequenceEqual(nodes.Select(n => n.Address).Order()));
    }

    /// <summary>SHA-256 of every file under a folder, by relative path.</summary>
    public static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
