using RunbookEngine.Activities.Cowsql.Inspection;

namespace RunbookEngine.Cowsql.EndToEnd.Tests.Support;

/// <summary>Creates a scratch folder whose path has no spaces (the shell's .reconfigure splits at spaces).</summary>
internal static class Scratch
{
    public static string New(string prefix) => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"rb-{prefix}-{Guid.NewGuid():N}"[..24])).FullName;
}

/// <summary>
/// Builds a template cluster. If it fails (a node that cannot bind its port because another program took it between
/// Ports.Free and the node's start, or a join that does not finish on a very busy machine), every node is stopped and
/// the build is tried once more on new ports: xunit never disposes a fixture whose constructor threw, so without this
/// a failed build would leave dqlite-demo processes running.
/// </summary>
internal static class Templates
{
    public static DqliteCluster Build(string prefix, Action<DqliteCluster> setUp)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cluster = DqliteCluster.Create(Scratch.New(prefix), 3);
            try
            {
                setUp(cluster);
                return cluster;
            }
            catch (Exception) when (attempt < 2)
            {
                cluster.Dispose();
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }
    }
}

/// <summary>
/// A stopped 3-node cluster with 50 keys where node 3 was stopped after key 30 (it lags by 20 writes).
/// Built once per test class; each test works on a copy.
/// </summary>
public sealed class LaggingClusterFixture : IDisposable
{
    public const int Keys = 50;

    internal DqliteCluster Template { get; }

    public LaggingClusterFixture()
    {
        Template = Templates.Build("lag", cluster =>
        {
            cluster.Bootstrap();
            cluster.Put(1, 30);
            cluster.Stop(cluster.Nodes[2]);
            cluster.Put(31, Keys);
            cluster.StopAll();
        });
    }

    public void Dispose() => Template.Dispose();
}

/// <summary>
/// A stopped 3-node cluster with 1,100 keys: past dqlite's snapshot threshold (1,024 entries), so every node holds
/// a snapshot at index 1024 and closed segments after it (reference dqlite-format.md §4).
/// </summary>
public sealed class SnapshotClusterFixture : IDisposable
{
    public const int Keys = 1100;

    internal DqliteCluster Template { get; }

    public SnapshotClusterFixture()
    {
        Template = Templates.Build("snap", cluster =>
        {
            cluster.Bootstrap();
            cluster.Put(1, Keys);
            cluster.StopAll();
        });
    }

    public void Dispose() => Template.Dispose();

    /// <summary>
    /// Reference recipe R1: on a node whose segment holding snapshotIndex+1 is followed by another closed segment,
    /// delete that segment, so raft refuses to start with "closed segment … is past last snapshot …".
    /// Returns the broken node and the deleted file's name.
    /// </summary>
    internal static (DqliteNode Node, string Deleted) BreakPastSnapshot(DqliteCluster cluster)
    {
        foreach (var node in cluster.Nodes)
        {
            var report = NodeInspector.Inspect(cluster.NodeDirectory(node));
            var snapshot = report.LatestSnapshot;
            if (snapshot is null)
            {
                continue;
            }

            var closed = report.Segments.Where(s => !s.IsOpen).OrderBy(s => s.FirstIndex).ToList();
            var holder = closed.FindIndex(s => s.FirstIndex <= snapshot.Index + 1 && s.LastIndex >= snapshot.Index + 1);
            if (holder >= 0 && holder < closed.Count - 1)
            {
                File.Delete(Path.Combine(cluster.NodeDirectory(node), closed[holder].Name));
                NodeInspector.Inspect(cluster.NodeDirectory(node)).Problems.ShouldContain(p => p.Kind == ProblemKind.ClosedSegmentPastLastSnapshot);
                return (node, closed[holder].Name);
            }
        }

        throw new InvalidOperationException("no node has a closed segment after the one holding snapshotIndex+1; the recipe needs one");
    }
}
