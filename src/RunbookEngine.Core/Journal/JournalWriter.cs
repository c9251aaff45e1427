namespace RunbookEngine.Journal;

/// <summary>
/// Appends records to a run's journal. <see cref="Append"/> returns only after the line is on stable storage, so
/// whatever the engine does next (start an activity, report success) is backed by the journal. Synchronous on
/// purpose: an append must not be abandoned halfway by a cancelled token. One writer per run; the run lock
/// (<see cref="Runs.RunLock"/>) keeps other processes out, a monitor keeps parallel steps in line.
/// </summary>
internal sealed class JournalWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly IFileSync _sync;
    private readonly Lock _gate = new();
    private long _nextSeq;
    private Exception? _failure;

    private JournalWriter(FileStream file, TimeProvider time, IFileSync sync, JournalReadResult existing)
    {
        _file = file;
        _time = time;
        _sync = sync;
        _nextSeq = existing.LastSeq + 1;
        Existing = existing;
    }

    public string Path => _file.Name;

    /// <summary>What was in the file when it was opened, including the warning about a torn tail that was cut off.</summary>
    public JournalReadResult Existing { get; }

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _nextSeq - 1;
            }
        }
    }

    /// <summary>
    /// Opens (creating if needed) a journal for appending. A torn last record is cut off so that appends continue on
    /// a record boundary; damage before the last record throws, because appending to it would bury it.
    /// </summary>
    public static JournalWriter Open(string path, TimeProvider time, IFileSync? sync = null)
    {
        sync ??= FileSync.Instance;
        path = System.IO.Path.GetFullPath(path);
        var created = !File.Exists(path);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            if (created)
            {
                sync.SyncDirectory(System.IO.Path.GetDirectoryName(path)!);
            }

            var existing = JournalReader.Parse(ReadAll(file), path);
            if (existing.HasTornTail)
            {
                file.SetLength(existing.ValidLength);
                sync.SyncData(file);
            }

            file.Seek(existing.ValidLength, SeekOrigin.Begin);
            return new JournalWriter(file, time, sync, existing);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends one record, durably. Thread-safe. Returns the record as stored, with its seq and time.</summary>
    /// <exception cref="IOException">The write or the sync failed; this writer refuses further appends.</exception>
    public JournalEntry Append(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(!_file.CanWrite, this);
            if (_failure is not null)
            {
                // After a failed write the file may end in a partial line; appending after it would turn a
                // recoverable torn tail into damage in the middle. Reopening the journal repairs the tail.
                throw new IOException($"{Path}: an earlier append failed ({_failure.Message}); reopen the run to continue", _failure);
            }

            var entry = new JournalEntry(_nextSeq, _time.GetUtcNow(), record);
            var line = JournalLine.Encode(entry);
            try
            {
                _file.Write(line);
                _sync.SyncData(_file);
            }
            catch (Exception e)
            {
                _failure = e;
                throw;
            }

            _nextSeq++;
            return entry;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }

    private static byte[] ReadAll(FileStream file)
    {
        var bytes = new byte[file.Length];
        file.Seek(0, SeekOrigin.Begin);
        file.ReadExactly(bytes);
        return bytes;
    }
}
