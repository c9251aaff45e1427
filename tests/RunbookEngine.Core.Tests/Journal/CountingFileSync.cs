using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

/// <summary>
/// Counts syncs and lets a test look at the file at the moment of each one. Does not sync for real unless asked:
/// the torn-tail tests open hundreds of journals and the disk adds nothing to what they check. Thread-safe: the
/// journal's group-commit timer syncs from a pool thread.
/// </summary>
internal sealed class CountingFileSync(bool real = false) : IFileSync
{
    private int _dataSyncs;

    public int DataSyncs => Volatile.Read(ref _dataSyncs);

    public List<string> DirectorySyncs { get; } = [];

    /// <summary>Runs before each data sync, with the path of the file being synced.</summary>
    public Action<string>? OnDataSync { get; set; }

    /// <summary>Makes the n-th data sync (1-based) fail, as fdatasync does on an I/O error.</summary>
    public int? FailDataSyncNumber { get; set; }

    public void SyncData(FileStream file)
    {
        var number = Interlocked.Increment(ref _dataSyncs);
        OnDataSync?.Invoke(file.Name);
        if (number == FailDataSyncNumber)
        {
            throw new IOException("fdatasync: Input/output error (simulated)");
        }

        if (real)
        {
            FileSync.Instance.SyncData(file);
        }
    }

    public void SyncDirectory(string directory)
    {
        DirectorySyncs.Add(directory);
        if (real)
        {
            FileSync.Instance.SyncDirectory(directory);
        }
    }
}
