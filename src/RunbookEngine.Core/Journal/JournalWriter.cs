namespace RunbookEngine.Journal;

/// <summary>
/// Appends records to a run's journal. <see cref="Append"/> with <see cref="JournalDurability.Immediate"/> returns
/// only after the line is on stable storage, so whatever the engine does next (start an activity) is backed by the
/// journal. <see cref="JournalDurability.GroupCommit"/> writes the line at once and leaves its fdatasync to the next
/// immediate append (one sync then covers both lines), or to a timer within <see cref="DefaultGroupCommitWindow"/>
/// when no such append comes. Synchronous on purpose: an append must not be abandoned halfway by a cancelled token.
/// One writer per run; the run lock (<see cref="Runs.RunLock"/>) keeps other processes out, a monitor keeps
/// parallel steps in line.
/// </summary>
internal sealed class JournalWriter : IDisposable
{
    /// <summary>
    /// How long a group-committed line may wait for its sync. Steps follow each other within microseconds, so the
    /// next StepStarted nearly always syncs first; the timer bounds the window when the engine waits instead (a long
    /// parallel item, an approval prompt).
    /// </summary>
    public static readonly TimeSpan DefaultGroupCommitWindow = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly IFileSync _sync;
    private readonly Lock _gate = new();
    private readonly ITimer? _flushTimer;
    private readonly TimeSpan _groupCommitWindow;
    private long _nextSeq;
    private bool _unsynced;
    private bool _flushScheduled;
    private Exception? _failure;

    private JournalWriter(FileStream file, TimeProvider time, IFileSync sync, JournalReadResult existing, TimeSpan groupCommitWindow)
    {
        _file = file;
        _time = time;
        _sync = sync;
        _nextSeq = existing.LastSeq + 1;
        Existing = existing;
        _groupCommitWindow = groupCommitWindow;

        // The window is wall-clock time, not the engine's clock: a test clock that jumps must not move it, and the
        // timer must not show up among the engine's timers. Infinite: only appends and Dispose sync (tests).
        _flushTimer = groupCommitWindow == Timeout.InfiniteTimeSpan
            ? null
            : TimeProvider.System.CreateTimer(_ => FlushFromTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
    public static JournalWriter Open(string path, TimeProvider time, IFileSync? sync = null, TimeSpan? groupCommitWindow = null)
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
            return new JournalWriter(file, time, sync, existing, groupCommitWindow ?? DefaultGroupCommitWindow);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends one record. Thread-safe. Returns the record as stored, with its seq and time. With
    /// <see cref="JournalDurability.Immediate"/> (the default) the line, and every group-committed line before it, is
    /// on stable storage when this returns; with <see cref="JournalDurability.GroupCommit"/> it is written (a
    /// killed process does not lose it: the kernel has it) and becomes durable with the next immediate append, a
    /// <see cref="Flush"/>, <see cref="Dispose"/>, or the group-commit timer, whichever comes first.
    /// </summary>
    /// <exception cref="JournalWriteException">The write or a sync failed (now or earlier); this writer refuses further appends.</exception>
    public JournalEntry Append(JournalRecord record, JournalDurability durability = JournalDurability.Immediate)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            ThrowIfUnusable();
            var entry = new JournalEntry(_nextSeq, _time.GetUtcNow(), record);
            var line = JournalLine.Encode(entry);
            try
            {
                _file.Write(line);
                _unsynced = true;
                if (durability == JournalDurability.Immediate)
                {
                    SyncPending();
                }
            }
            catch (Exception e)
            {
                _failure = e;
                throw new JournalWriteException(Path, LineOf(_nextSeq), $"cannot append record {_nextSeq} ({record.GetType().Name}): {StorageErrors.Describe(e)}", e);
            }

            _nextSeq++;
            if (_unsynced && !_flushScheduled && _flushTimer is not null)
            {
                _flushScheduled = true;
                _flushTimer.Change(_groupCommitWindow, Timeout.InfiniteTimeSpan);
            }

            return entry;
        }
    }

    /// <summary>Makes every line written so far durable. Does nothing when there is nothing to sync.</summary>
    /// <exception cref="JournalWriteException">The sync failed (now or earlier); this writer refuses further appends.</exception>
    public void Flush()
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            try
            {
                SyncPending();
            }
            catch (Exception e)
            {
                _failure = e;
                throw new JournalWriteException(Path, LineOf(_nextSeq - 1), $"cannot make record {_nextSeq - 1} durable: {StorageErrors.Describe(e)}", e);
            }
        }
    }

    /// <summary>Syncs what is pending, then closes the file. A sync failure here is swallowed: nothing can act on it.</summary>
    public void Dispose()
    {
        _flushTimer?.Dispose();
        lock (_gate)
        {
            if (_file.CanWrite && _failure is null)
            {
                try
                {
                    SyncPending();
                }
                catch (Exception e) when (StorageErrors.IsStorageFailure(e))
                {
                    // The process is letting go of the run; the next writer re-reads the file and its torn-tail
                    // check, not this writer, decides what counts. A group-committed line that did not reach the
                    // disk leaves its step in doubt, never wrongly done.
                }
            }

            _file.Dispose();
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(!_file.CanWrite, this);
        if (_failure is not null)
        {
            // After a failed write the file may end in a partial line; appending after it would turn a
            // recoverable torn tail into damage in the middle. After a failed sync the kernel may have dropped
            // the pages, so a later sync could claim durability that does not exist. Reopening repairs the tail.
            throw new JournalWriteException(Path, LineOf(_nextSeq), $"an earlier append failed ({StorageErrors.Describe(_failure)})", _failure);
        }
    }

    /// <summary>One record per line, numbered from 1 like <c>seq</c>; a line number in a message is an int.</summary>
    private static int LineOf(long seq) => (int)Math.Min(seq, int.MaxValue);

    /// <summary>Caller holds <see cref="_gate"/>.</summary>
    private void SyncPending()
    {
        if (_unsynced)
        {
            _sync.SyncData(_file);
            _unsynced = false;
        }
    }

    private void FlushFromTimer()
    {
        lock (_gate)
        {
            _flushScheduled = false;
            if (!_file.CanWrite || _failure is not null)
            {
                return;
            }

            try
            {
                SyncPending();
            }
            catch (Exception e)
            {
                // A timer thread must not throw (it would end the process). The next append reports the failure.
                _failure = e;
            }
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
