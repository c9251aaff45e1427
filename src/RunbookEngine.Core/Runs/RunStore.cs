using System.Security.Cryptography;
using System.Text;
using RunbookEngine.Expressions;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>
/// The embedded run store: one folder per run under <c>&lt;state dir&gt;/runs/</c>. See docs/journal-format.md
/// for the layout. Safe to share between processes: creation is atomic and a run is driven under its lock.
/// </summary>
internal sealed class RunStore
{
    private const string CreatingPrefix = ".creating-";

    private readonly TimeProvider _time;
    private readonly IFileSync _sync;

    /// <param name="stateDirectory">See <see cref="DefaultStateDirectory"/>; created on the first run.</param>
    public RunStore(string stateDirectory, TimeProvider? time = null, IFileSync? sync = null)
    {
        StateDirectory = Path.GetFullPath(stateDirectory);
        RunsDirectory = Path.Combine(StateDirectory, "runs");
        _time = time ?? TimeProvider.System;
        _sync = sync ?? FileSync.Instance;
    }

    public string StateDirectory { get; }

    public string RunsDirectory { get; }

    /// <summary>
    /// Creates a run folder with the pinned runbook, manifest, parameters and a journal holding RunCreated, then
    /// opens it. The folder is assembled under a hidden name and renamed into place, so a crash never leaves a
    /// half-made run that <see cref="ListRuns"/> or resume would trip over.
    /// </summary>
    /// <exception cref="RunStoreException">RB0915: the state directory refused (not a folder, not writable, disk
    /// full); nothing of the run is left behind.</exception>
    public RunSession CreateRun(NewRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = Encoding.UTF8.GetBytes(run.RunbookText);
        var hash = Convert.ToHexStringLower(SHA256.HashData(text));
        if (!string.Equals(hash, run.ContentHash, StringComparison.Ordinal))
        {
            throw new ArgumentException($"content hash {run.ContentHash} does not match the runbook text (SHA-256 {hash})", nameof(run));
        }

        var parameters = PinnedParameters.ToJson(run.Parameters);
        string id;
        try
        {
            id = Assemble(run, text, hash, parameters);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e))
        {
            throw CannotCreate(e);
        }

        try
        {
            return OpenRun(id);
        }
        catch (CannotOpenException e)
        {
            // Taking the lock writes to the disk too. Nothing has run yet, so a run that cannot be opened goes
            // rather than lingering as "created".
            TryDeleteDirectory(Path.Combine(RunsDirectory, id));
            throw CannotCreate(e.Cause);
        }
    }

    /// <summary>The run folder, complete under its final name, or nothing (a crash may leave the hidden staging folder).</summary>
    private string Assemble(NewRun run, byte[] text, string hash, byte[] parameters)
    {
        EnsureRunsDirectory();
        var now = _time.GetUtcNow();
        var id = NewId(now);
        var staging = new RunFolder(Path.Combine(RunsDirectory, CreatingPrefix + id));
        try
        {
            Directory.CreateDirectory(staging.Directory);
            AtomicFile.Write(staging.RunbookFile, text, _sync);
            AtomicFile.Write(staging.ManifestFile, new RunManifest(RunManifest.CurrentFormat, id, run.RunbookName, run.Version, hash, now) { WorkingDirectory = run.WorkingDirectory }.ToJson(), _sync);
            AtomicFile.Write(staging.ParametersFile, parameters, _sync);
            if (run.Calls.Count > 0)
            {
                var called = Directory.CreateDirectory(Path.Combine(staging.Directory, PinnedCalls.DirectoryName)).FullName;
                foreach (var call in run.Calls)
                {
                    AtomicFile.Write(Path.Combine(called, PinnedCalls.FileName(call)), Encoding.UTF8.GetBytes(call.Text), _sync);
                }

                AtomicFile.Write(Path.Combine(called, PinnedCalls.IndexName), PinnedCalls.Index(run.Calls), _sync);
            }

            using (var journal = JournalWriter.Open(staging.JournalFile, _time, _sync))
            {
                journal.Append(new RunCreated(run.RunbookName, run.Version, hash));
            }

            Directory.Move(staging.Directory, Path.Combine(RunsDirectory, id));
        }
        catch
        {
            TryDeleteDirectory(staging.Directory);
            throw;
        }

        _sync.SyncDirectory(RunsDirectory);
        return id;
    }

    private RunStoreException CannotCreate(Exception e)
    {
        // .NET says "Could not find a part of the path" when a folder on the way is a file; say which.
        var detail = FileOnTheWay() is { } file ? $"{file} is a file, not a folder" : StorageErrors.Describe(e);
        return new RunStoreException(
            RunErrorCodes.StateDirectoryUnusable,
            $"cannot create a run in {StateDirectory}: {detail}. Nothing was started. Free space there or make it writable, " +
            "or choose another state directory with --state-dir or RUNBOOK_STATE_DIR");
    }

    private string? FileOnTheWay()
    {
        for (var path = RunsDirectory; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// Opens a run to drive it (resume): takes its lock, checks its files agree with each other, cuts off a torn
    /// journal tail. Throws <see cref="RunNotFoundException"/>, <see cref="RunLockedException"/>,
    /// <see cref="RunStoreException"/> or <see cref="JournalException"/>.
    /// </summary>
    public RunSession OpenRun(string runId)
    {
        var folder = Find(runId);
        RunLock runLock;
        try
        {
            runLock = RunLock.Acquire(folder.Directory, _time);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e))
        {
            throw CannotOpen(folder, Path.Combine(folder.Directory, RunLock.FileName), e);
        }

        JournalWriter? journal = null;
        try
        {
            var manifest = ReadManifest(folder);
            try
            {
                journal = JournalWriter.Open(folder.JournalFile, _time, _sync);
            }
            catch (Exception e) when (StorageErrors.IsStorageFailure(e))
            {
                throw CannotOpen(folder, folder.JournalFile, e);
            }

            CheckJournalMatches(folder, manifest, journal.Existing.Entries);
            return new RunSession(folder, manifest, runLock, journal);
        }
        catch
        {
            journal?.Dispose();
            runLock.Dispose();
            throw;
        }
    }

    /// <summary>Taking the lock writes the holder into it; opening the journal may cut a torn last line: a full disk refuses both.</summary>
    private static CannotOpenException CannotOpen(RunFolder folder, string file, Exception e) =>
        new($"cannot open run {folder.Id} to write to it: {file}: {StorageErrors.Describe(e)}. Nothing was changed. Free space there or make it writable, then try again", e);

    /// <summary>RB0915 from <see cref="OpenRun"/>, keeping the storage failure for <see cref="CreateRun"/>'s own message.</summary>
    private sealed class CannotOpenException(string message, Exception cause) : RunStoreException(RunErrorCodes.StateDirectoryUnusable, message)
    {
        public Exception Cause { get; } = cause;
    }

    /// <summary>
    /// Programs that the engine which last drove the run started for its steps and that outlived it (the engine was
    /// killed or crashed; <see cref="RunLock.LeftBehind"/>), with their command lines. Read without the lock.
    /// </summary>
    public IReadOnlyList<(int ProcessId, string CommandLine)> ProgramsLeftRunning(string runId) =>
        RunLock.LeftBehind(Find(runId).Directory)
            .SelectMany(p => new[] { p }.Concat(p.Descendants())) // a shell's cp goes on when only the shell is stopped
            .DistinctBy(p => p.ProcessId)
            .Select(p => (p.ProcessId, p.CommandLine() ?? "?"))
            .ToList();

    /// <summary>Refuses to drive a run while a program of its previous engine still runs: its step would run twice at once.</summary>
    /// <exception cref="RunStoreException">RB0916, naming each program and how to stop it.</exception>
    public void ThrowIfProgramsLeftRunning(string runId)
    {
        var left = ProgramsLeftRunning(runId);
        if (left.Count == 0)
        {
            return;
        }

        var programs = string.Join(", ", left.Select(p => $"pid {p.ProcessId} ({p.CommandLine})"));
        throw new RunStoreException(
            RunErrorCodes.ProgramsLeftRunning,
            $"run {runId}: the engine that drove it is gone, but {(left.Count == 1 ? "a program it started for a step is" : "programs it started for steps are")} still running: {programs}. " +
            $"Resuming now could start {(left.Count == 1 ? "that step" : "those steps")} a second time beside {(left.Count == 1 ? "it" : "them")}; wait for {(left.Count == 1 ? "it" : "them")} to end, " +
            $"or stop {(left.Count == 1 ? "it" : "them")} (kill {string.Join(' ', left.Select(p => p.ProcessId))}), then resume");
    }

    /// <summary>Reads a run without locking it, e.g. to show its status while another process drives it.</summary>
    public RunSnapshot ReadRun(string runId)
    {
        var folder = Find(runId);
        var manifest = ReadManifest(folder);
        var journal = JournalReader.Read(folder.JournalFile);
        CheckJournalMatches(folder, manifest, journal.Entries);
        var history = RunHistory.Replay(journal.Entries);
        return new RunSnapshot(folder, manifest, journal, history) { Abandoned = IsAbandoned(folder, history) };
    }

    /// <summary>
    /// The runs of <paramref name="runbook"/> (any version) that can still act: created, running (driven or
    /// interrupted), paused or failed (resumable), oldest first. Only their journals are read.
    /// </summary>
    public IReadOnlyList<RunSummary> UnfinishedRunsOf(string runbook)
    {
        var found = new List<RunSummary>();
        foreach (var id in RunIdsOnDisk())
        {
            RunManifest manifest;
            try
            {
                manifest = ReadManifest(new RunFolder(Path.Combine(RunsDirectory, id)));
            }
            catch (Exception e) when (e is RunStoreException or IOException or UnauthorizedAccessException)
            {
                continue; // 'runbook runs' shows what is wrong with it; it cannot be resumed either
            }

            if (manifest.Runbook == runbook && !EndsFinished(new RunFolder(Path.Combine(RunsDirectory, id)).JournalFile)
                && Summarize(id) is { State: RecordedRunState.Created or RecordedRunState.Running or RecordedRunState.Paused or RecordedRunState.Failed } summary)
            {
                found.Add(summary);
            }
        }

        return found.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// True when the journal's last line is an intact RunSucceeded or RunCancelled: nothing can follow those, so the
    /// run is over without replaying it (a state directory of a cron job holds hundreds). Anything else: replay.
    /// </summary>
    private static bool EndsFinished(string journal)
    {
        byte[] tail;
        try
        {
            using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            tail = new byte[Math.Min(stream.Length, 4096)];
            stream.Seek(-tail.Length, SeekOrigin.End);
            stream.ReadExactly(tail);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (tail.Length == 0 || tail[^1] != (byte)'\n')
        {
            return false;
        }

        var line = tail.AsSpan(0, tail.Length - 1);
        var start = line.LastIndexOf((byte)'\n') + 1;
        line = line[start..];
        if (start == 0 && tail.Length == 4096 || JournalLine.CheckIntegrity(line) is not null)
        {
            return false; // the line may have been cut by the read, or is damaged: let the full read decide
        }

        try
        {
            return JournalLine.Decode(line).Record is RunSucceeded or RunCancelled;
        }
        catch (RecordFormatException)
        {
            return false;
        }
    }

    /// <summary>Every run, oldest first. A run with unreadable files is listed with its problem rather than hidden.</summary>
    public IReadOnlyList<RunSummary> ListRuns() =>
        RunIdsOnDisk().Select(Summarize).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <exception cref="RunNotFoundException">With the closest ids as a hint.</exception>
    public RunFolder Find(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var folder = new RunFolder(Path.Combine(RunsDirectory, runId));
        if (RunIds.IsValid(runId) && Directory.Exists(folder.Directory))
        {
            return folder;
        }

        throw new RunNotFoundException(runId, $"run '{runId}' not found in {RunsDirectory}; {Hint(runId)}");
    }

    private RunSummary Summarize(string id)
    {
        var folder = new RunFolder(Path.Combine(RunsDirectory, id));
        var createdAt = RunIds.TimeOf(id)!.Value;
        RunManifest? manifest = null;
        try
        {
            manifest = ReadManifest(folder);
            var history = RunHistory.Replay(JournalReader.Read(folder.JournalFile).Entries);
            return new RunSummary(id, manifest.Runbook, manifest.Version, history.State, manifest.CreatedAt, history.StartedAt, history.LastRecordAt, null, IsAbandoned(folder, history));
        }
        catch (Exception e) when (e is RunStoreException or JournalException or IOException or UnauthorizedAccessException)
        {
            return new RunSummary(id, manifest?.Runbook, manifest?.Version, null, manifest?.CreatedAt ?? createdAt, null, null, e.Message);
        }
    }

    /// <summary>The journal says running, but nobody drives the run: only a running run can be interrupted.</summary>
    private static bool IsAbandoned(RunFolder folder, RunHistory history) =>
        history.State == RecordedRunState.Running && RunLock.IsAbandoned(folder.Directory);

    private static RunManifest ReadManifest(RunFolder folder)
    {
        var manifest = RunManifest.Read(folder.ManifestFile);
        if (manifest.Id != folder.Id)
        {
            throw new RunStoreException(RunErrorCodes.RunFolderInvalid, $"{folder.ManifestFile}: the manifest is for run {manifest.Id}, not {folder.Id}");
        }

        return manifest;
    }

    // Resume must run exactly what was pinned; a pinned copy or journal that disagrees with the manifest was
    // edited or damaged, and guessing which one is right could re-run the wrong procedure.
    private static void CheckJournalMatches(RunFolder folder, RunManifest manifest, IReadOnlyList<JournalEntry> entries)
    {
        byte[] text;
        try
        {
            text = File.ReadAllBytes(folder.RunbookFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunStoreException(RunErrorCodes.RunFolderInvalid, $"{folder.RunbookFile}: cannot read the pinned runbook: {e.Message}");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(text));
        if (hash != manifest.ContentHash)
        {
            throw new RunStoreException(RunErrorCodes.RunFolderInvalid, $"{folder.RunbookFile}: the pinned runbook was changed (SHA-256 {hash}, run.json says {manifest.ContentHash})");
        }

        if (entries.Count == 0 || entries[0].Record is not RunCreated created)
        {
            throw new RunStoreException(RunErrorCodes.RunFolderInvalid, $"{folder.JournalFile}: the journal does not start with RunCreated");
        }

        if (created.Runbook != manifest.Runbook || created.Version != manifest.Version || created.ContentHash != manifest.ContentHash)
        {
            throw new RunStoreException(
                RunErrorCodes.RunFolderInvalid,
                $"{folder.JournalFile}: the journal is for {created.Runbook}@{created.Version} ({created.ContentHash}), run.json for {manifest.Identity} ({manifest.ContentHash})");
        }
    }

    private string Hint(string runId)
    {
        var ids = RunIdsOnDisk().Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return "there are no runs yet";
        }

        // A prefix is what people type from a listing; the most recent matches are the likely ones.
        var close = runId.Length > 0 ? ids.Where(id => id.StartsWith(runId, StringComparison.Ordinal)).TakeLast(3).ToList() : [];
        if (close.Count == 0)
        {
            close = [.. NameSuggestions.Closest(runId, ids).Take(3)];
        }

        return close.Count > 0
            ? "did you mean " + string.Join(" or ", close.Select(c => $"'{c}'")) + "?"
            : "the latest runs are " + string.Join(", ", ids.TakeLast(3).Select(c => $"'{c}'"));
    }

    private IEnumerable<string> RunIdsOnDisk() =>
        Directory.Exists(RunsDirectory)
            ? Directory.EnumerateDirectories(RunsDirectory).Select(Path.GetFileName).OfType<string>().Where(RunIds.IsValid)
            : [];

    private string NewId(DateTimeOffset now)
    {
        // 24 random bits per second: a clash is all but impossible, but checking costs nothing.
        for (var i = 0; i < 16; i++)
        {
            var id = RunIds.New(now);
            if (!Directory.Exists(Path.Combine(RunsDirectory, id)))
            {
                return id;
            }
        }

        throw new IOException($"could not find an unused run id in {RunsDirectory}");
    }

    private void EnsureRunsDirectory()
    {
        if (Directory.Exists(RunsDirectory))
        {
            return;
        }

        Directory.CreateDirectory(RunsDirectory);
        _sync.SyncDirectory(StateDirectory);
        _sync.SyncDirectory(Path.GetDirectoryName(StateDirectory) ?? StateDirectory);
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind under a hidden name that listing and opening ignore; the original failure matters more.
        }
    }
}
