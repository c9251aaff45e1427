using System.Text.Json;

namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>
/// The on-disk parts of a NodeHost directory that the simulator keeps real (internal/server/environment.go):
/// the <c>dragonboat.ds</c> flag file naming the owner's RaftAddress, the <c>LOCK</c> file a running NodeHost
/// holds, and <c>&lt;hostname&gt;/&lt;%020d deploymentID&gt;/snapshot-part-&lt;shard % 512&gt;/snapshot-&lt;shard&gt;-&lt;replica&gt;/</c>.
/// </summary>
public static class NodeHostDir
{
    public const string FlagFile = "dragonboat.ds";
    public const string LockFile = "LOCK";

    // internal/server/environment.go error texts.
    public const string NotOwner = "not the owner of the data directory";
    public const string LockFailed = "failed to lock data directory";
    public const string DeploymentChanged = "deployment ID changed";

    /// <summary>internal/server/partition.go: defaultShardIDMod = 512.</summary>
    public static string SnapshotDir(string dir, SimHost host, ulong shardId, ulong replicaId) =>
        Path.Combine(dir, host.Hostname, host.DeploymentId.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
            $"snapshot-part-{shardId % 512}", $"snapshot-{shardId}-{replicaId}");

    /// <summary>Owner recorded in the flag file, or null when the directory was never used.</summary>
    public static FlagContent? ReadFlag(string dir)
    {
        var path = Path.Combine(dir, FlagFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<FlagContent>(File.ReadAllText(path), SimState.Json) : null;
    }

    public static void WriteFlag(string dir, FlagContent flag)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, FlagFile), JsonSerializer.Serialize(flag, SimState.Json));
    }

    /// <summary>Takes the directory lock like LockNodeHostDir; null when another process holds it.</summary>
    public static FileStream? TryLock(string dir)
    {
        try
        {
            return new FileStream(Path.Combine(dir, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether a NodeHost holds the lock; never creates the LOCK file (queries must change nothing).</summary>
    public static bool IsLocked(string dir)
    {
        var path = Path.Combine(dir, LockFile);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}

/// <summary>The simulator's JSON stand-in for raftpb.RaftDataStatus in <c>dragonboat.ds</c>.</summary>
public sealed record FlagContent(string Address, string Hostname, ulong DeploymentId);
