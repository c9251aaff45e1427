using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RunbookEngine.Core.Tests.Journal;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Expressions;
using RunbookEngine.Journal;
using RunbookEngine.Parameters;
using RunbookEngine.Runs;

namespace RunbookEngine.Core.Tests.Runs;

public sealed class RunStoreTests : IDisposable
{
    private const string Secret = "Pa55-w0rd-XQ7-never-on-disk";
    private const string Text = "apiVersion: runbook/v1\nkind: Runbook\n# pinned as is, comments and all — even ünïcödé\n";

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CountingFileSync _sync = new();
    private readonly RunStore _store;

    public RunStoreTests() => _store = new RunStore(Path.Combine(_dir.Path, "state"), _time, _sync);

    public void Dispose() => _dir.Dispose();

    private static NewRun Run(string text = Text, IReadOnlyList<KeyValuePair<string, object?>>? parameters = null) =>
        new("cowsql/restore-new-config", "1.0.0", Hash(text), text, parameters ?? []);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Creating_a_run_pins_everything_in_its_own_folder()
    {
        using var session = _store.CreateRun(Run(parameters: [KeyValuePair.Create<string, object?>("port", 9001L)]));

        session.Id.ShouldStartWith("20261121-032812-");
        session.Folder.Directory.ShouldBe(Path.Combine(_dir.Path, "state", "runs", session.Id));
        File.ReadAllBytes(session.Folder.RunbookFile).ShouldBe(Encoding.UTF8.GetBytes(Text));
        session.ReadRunbookText().ShouldBe(Text);
        session.Manifest.ShouldBe(new RunManifest(1, session.Id, "cowsql/restore-new-config", "1.0.0", Hash(Text), _time.GetUtcNow()));
        RunManifest.Read(session.Folder.ManifestFile).ShouldBe(session.Manifest);
        session.ReadParameters().Values.ShouldHaveSingleItem().ShouldBe(KeyValuePair.Create<string, object?>("port", 9001L));
        session.History.Created.ShouldBe(new RunCreated("cowsql/restore-new-config", "1.0.0", Hash(Text)));
        session.History.State.ShouldBe(RecordedRunState.Created);
        session.Journal.LastSeq.ShouldBe(1);
        session.Folder.LogFile.ShouldBe(Path.Combine(session.Folder.Directory, "log.jsonl"));
        Directory.GetFileSystemEntries(session.Folder.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["journal.jsonl", "lock", "params.json", "run.json", "runbook.yaml"]);
        Directory.GetFileSystemEntries(_store.RunsDirectory).ShouldBe([session.Folder.Directory]);
    }

    [Fact]
    public void Creating_a_run_syncs_each_file_and_the_runs_directory()
    {
        using var session = _store.CreateRun(Run());

        _sync.DataSyncs.ShouldBe(4); // runbook.yaml, run.json, params.json, the RunCreated append
        _sync.DirectorySyncs.ShouldContain(_store.RunsDirectory);
        _sync.DirectorySyncs.Last().ShouldBe(_store.RunsDirectory, "the rename into place is made durable last");
    }

    [Fact]
    public void A_run_built_from_a_loaded_runbook_pins_its_text_and_hash()
    {
        var runbook = Runbooks.ValidBody("""
            parameters:
              password: { type: secret }
            steps:
              - id: hello
                uses: test.noop
            """);
        var parameters = new BoundParameters([KeyValuePair.Create<string, object?>("password", new SecretValue(Secret))]);

        using var session = _store.CreateRun(NewRun.From(runbook, parameters));

        session.Manifest.ContentHash.ShouldBe(runbook.ContentHash);
        session.Manifest.Identity.ShouldBe(runbook.Identity);
        session.ReadRunbookText().ShouldBe(runbook.Text);
    }

    [Fact]
    public void No_file_of_the_run_ever_holds_a_secret()
    {
        using (var session = _store.CreateRun(Run(parameters:
        [
            KeyValuePair.Create<string, object?>("password", new SecretValue(Secret)),
            KeyValuePair.Create<string, object?>("nodes", new List<object?> { new Dictionary<string, object?> { ["token"] = new SecretValue(Secret + "-2") } }),
        ])))
        {
            session.Journal.Append(new RunStarted());
            session.ReadParameters().Values.Select(v => v.Value).First().ShouldBe(new SecretReference("password"));

            AssertNoSecretUnder(_dir.Path);
        }

        AssertNoSecretUnder(_dir.Path);
    }

    [Fact]
    public void A_hash_that_does_not_match_the_text_is_refused_before_anything_is_written()
    {
        var run = Run() with { ContentHash = Hash("something else") };

        Should.Throw<ArgumentException>(() => _store.CreateRun(run)).Message.ShouldContain("does not match the runbook text");
        Directory.Exists(_store.RunsDirectory).ShouldBeFalse();
    }

    [Fact]
    public void A_failed_creation_leaves_no_run_behind()
    {
        _sync.FailDataSyncNumber = 3; // params.json

        var error = Should.Throw<RunStoreException>(() => _store.CreateRun(Run()));

        error.Code.ShouldBe("RB0915");
        error.Problem.ShouldStartWith($"cannot create a run in {_store.StateDirectory}: fdatasync: Input/output error (simulated). Nothing was started.");
        Directory.GetFileSystemEntries(_store.RunsDirectory).ShouldBeEmpty();
        _store.ListRuns().ShouldBeEmpty();
    }

    [Fact]
    public void A_run_whose_lock_cannot_be_written_is_refused_with_the_file_named_and_nothing_changed()
    {
        string id;
        using (var session = _store.CreateRun(Run()))
        {
            id = session.Id;
        }

        var folder = Path.Combine(_store.RunsDirectory, id);
        var journal = File.ReadAllBytes(Path.Combine(folder, "journal.jsonl"));
        File.Delete(Path.Combine(folder, "lock"));
        Directory.CreateDirectory(Path.Combine(folder, "lock")); // the lock cannot be opened as a file: an I/O failure, like a full disk

        var error = Should.Throw<RunStoreException>(() => _store.OpenRun(id));

        error.Code.ShouldBe("RB0915");
        error.Problem.ShouldStartWith($"cannot open run {id} to write to it: {Path.Combine(folder, "lock")}: ");
        error.Problem.ShouldEndWith("Nothing was changed. Free space there or make it writable, then try again");
        File.ReadAllBytes(Path.Combine(folder, "journal.jsonl")).ShouldBe(journal);
    }

    [Fact]
    public void Unfinished_runs_of_a_runbook_are_the_ones_that_can_still_act()
    {
        string Make(string runbook, params JournalRecord[] records)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            using var session = _store.CreateRun(Run() with { RunbookName = runbook });
            foreach (var record in records)
            {
                session.Journal.Append(record);
            }

            return session.Id;
        }

        Make("cowsql/restore-new-config", new RunStarted(), new RunSucceeded());
        Make("cowsql/restore-new-config", new RunStarted(), new RunPaused("gate"), new RunCancelled("op"));
        var paused = Make("cowsql/restore-new-config", new RunStarted(), new RunPaused("gate"));
        var failed = Make("cowsql/restore-new-config", new RunStarted(), new RunFailed("b", "exit 1"));
        var created = Make("cowsql/restore-new-config");
        Make("other/runbook", new RunStarted(), new RunPaused("gate"));
        var torn = Make("cowsql/restore-new-config", new RunStarted(), new RunSucceeded());
        var tornJournal = Path.Combine(_store.RunsDirectory, torn, "journal.jsonl");
        var bytes = File.ReadAllBytes(tornJournal);
        File.WriteAllBytes(tornJournal, bytes[..^10]); // RunSucceeded cut short by a crash: the run is not known to be over

        var unfinished = _store.UnfinishedRunsOf("cowsql/restore-new-config");

        unfinished.Select(r => (r.Id, r.State)).ShouldBe([
            (paused, RecordedRunState.Paused),
            (failed, RecordedRunState.Failed),
            (created, RecordedRunState.Created),
            (torn, RecordedRunState.Running),
        ]);
    }

    [Fact]
    public void A_state_directory_that_is_a_file_is_named_as_such_and_left_alone()
    {
        var file = Path.Combine(_dir.Path, "state-file");
        File.WriteAllText(file, "not a folder");
        var store = new RunStore(file, _time, _sync);

        var error = Should.Throw<RunStoreException>(() => store.CreateRun(Run()));

        // .NET alone says "Could not find a part of the path '.../state-file/runs'".
        error.Code.ShouldBe("RB0915");
        error.Problem.ShouldStartWith($"cannot create a run in {file}: {file} is a file, not a folder. Nothing was started.");
        error.Problem.ShouldEndWith("choose another state directory with --state-dir or RUNBOOK_STATE_DIR");
        File.ReadAllText(file).ShouldBe("not a folder");
    }

    [Fact]
    public void Runs_are_listed_oldest_first_with_their_state()
    {
        var ids = new List<string>();
        foreach (var advance in new[] { 0, 100, 200, 300, 5000 })
        {
            _time.Advance(TimeSpan.FromMilliseconds(advance));
            using var session = _store.CreateRun(Run());
            ids.Add(session.Id);
            if (ids.Count == 2)
            {
                session.Journal.Append(new RunStarted());
                _time.Advance(TimeSpan.FromSeconds(1));
                session.Journal.Append(new RunSucceeded());
            }
        }

        Directory.CreateDirectory(Path.Combine(_store.RunsDirectory, ".creating-20261121-032800-aaaaaa"));
        Directory.CreateDirectory(Path.Combine(_store.RunsDirectory, "not-a-run"));

        var runs = _store.ListRuns();

        // The first four share a second, so their ids alone do not order them; the manifest's time does.
        runs.Select(r => r.Id).ShouldBe(ids);
        runs.Select(r => r.State).ShouldBe([RecordedRunState.Created, RecordedRunState.Succeeded, RecordedRunState.Created, RecordedRunState.Created, RecordedRunState.Created]);
        runs[1].Identity.ShouldBe("cowsql/restore-new-config@1.0.0");
        runs[1].StartedAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 3, 28, 12, 100, TimeSpan.Zero));
        runs[1].LastRecordAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 3, 28, 13, 100, TimeSpan.Zero));
        runs.ShouldAllBe(r => r.Problem == null);
    }

    [Fact]
    public void A_damaged_run_is_listed_with_its_problem()
    {
        string damaged;
        using (var session = _store.CreateRun(Run()))
        {
            session.Journal.Append(new RunStarted());
            session.Journal.Append(new RunSucceeded());
            damaged = session.Folder.JournalFile;
        }

        var bytes = File.ReadAllBytes(damaged);
        bytes[10] ^= 0x01;
        File.WriteAllBytes(damaged, bytes);
        _time.Advance(TimeSpan.FromSeconds(1));
        using (_store.CreateRun(Run()))
        {
        }

        var runs = _store.ListRuns();

        runs.Count.ShouldBe(2);
        runs[0].State.ShouldBeNull();
        runs[0].Identity.ShouldBe("cowsql/restore-new-config@1.0.0");
        runs[0].Problem.ShouldNotBeNull().ShouldContain(":1: RB0901");
        runs[1].Problem.ShouldBeNull();
    }

    [Fact]
    public void Opening_a_run_resumes_its_journal_where_it_stopped()
    {
        string id;
        using (var session = _store.CreateRun(Run()))
        {
            id = session.Id;
            session.Journal.Append(new RunStarted());
            session.Journal.Append(new StepStarted("backup", null, 1));
        }

        using var resumed = _store.OpenRun(id);

        resumed.History.State.ShouldBe(RecordedRunState.Running);
        resumed.History.InDoubt.ShouldHaveSingleItem().Key.Step.ShouldBe("backup");
        resumed.Warnings.ShouldBeEmpty();
        resumed.Journal.Append(new RunResumed()).Seq.ShouldBe(4);
    }

    [Fact]
    public void Opening_a_run_cuts_off_a_torn_record_and_says_so()
    {
        string id;
        using (var session = _store.CreateRun(Run()))
        {
            id = session.Id;
            session.Journal.Append(new RunStarted());
        }

        var journal = new RunFolder(Path.Combine(_store.RunsDirectory, id)).JournalFile;
        File.AppendAllText(journal, """{"seq":3,"at":"2026-11-21T03:28:13.0000000Z","type":"StepSta""");

        using var resumed = _store.OpenRun(id);

        resumed.Warnings.ShouldHaveSingleItem().Code.ShouldBe("RB0906");
        resumed.Journal.Append(new RunResumed()).Seq.ShouldBe(3);
    }

    [Fact]
    public void A_run_is_driven_by_one_session_at_a_time()
    {
        using var first = _store.CreateRun(Run());

        Should.Throw<RunLockedException>(() => _store.OpenRun(first.Id)).Message.ShouldContain($"run {first.Id} is in use by process {Environment.ProcessId}");

        first.Dispose();
        using var second = _store.OpenRun(first.Id);
    }

    [Fact]
    public void A_run_can_be_read_while_another_session_drives_it()
    {
        using var session = _store.CreateRun(Run());
        session.Journal.Append(new RunStarted());

        var snapshot = _store.ReadRun(session.Id);

        snapshot.History.State.ShouldBe(RecordedRunState.Running);
        snapshot.Manifest.ShouldBe(session.Manifest);
    }

    [Fact]
    public void A_missing_run_is_reported_with_the_closest_ids()
    {
        Should.Throw<RunNotFoundException>(() => _store.OpenRun("20261121-032812-000000")).Message.ShouldContain("there are no runs yet");

        string id;
        using (var session = _store.CreateRun(Run()))
        {
            id = session.Id;
        }

        var byPrefix = Should.Throw<RunNotFoundException>(() => _store.OpenRun(id[..12]));
        byPrefix.Code.ShouldBe("RB0911");
        byPrefix.RunId.ShouldBe(id[..12]);
        byPrefix.Message.ShouldBe($"RB0911 run '{id[..12]}' not found in {_store.RunsDirectory}; did you mean '{id}'?");

        var typo = id[..^1] + (id[^1] == '0' ? '1' : '0');
        Should.Throw<RunNotFoundException>(() => _store.OpenRun(typo)).Message.ShouldContain($"did you mean '{id}'?");

        Should.Throw<RunNotFoundException>(() => _store.OpenRun("../../etc")).Message.ShouldContain($"the latest runs are '{id}'");
    }

    [Fact]
    public void A_pinned_runbook_changed_after_creation_is_refused()
    {
        string id;
        using (var session = _store.CreateRun(Run()))
        {
            id = session.Id;
            File.AppendAllText(session.Folder.RunbookFile, "# edited\n");
        }

        var error = Should.Throw<RunStoreException>(() => _store.OpenRun(id));

        error.Code.ShouldBe(RunErrorCodes.RunFolderInvalid);
        error.Message.ShouldContain("the pinned runbook was changed");
        using var unlocked = RunLock.Acquire(Path.Combine(_store.RunsDirectory, id));
    }

    [Fact]
    public void A_run_folder_from_a_newer_engine_is_refused()
    {
        string id;
        using (var session = _store.CreateRun(Run()))
        {
            id = session.Id;
        }

        var manifest = Path.Combine(_store.RunsDirectory, id, "run.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"format\": 1", "\"format\": 2", StringComparison.Ordinal));

        Should.Throw<RunStoreException>(() => _store.OpenRun(id)).Code.ShouldBe(RunErrorCodes.RunFromNewerEngine);
    }

    private static void AssertNoSecretUnder(string directory)
    {
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            // The lock file is held by the open session; read it the way another process would.
            var bytes = LibC.ReadWithoutLocking(file, 1 << 20).ShouldNotBeNull(file);
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
            {
                bytes.AsSpan().IndexOf(encoding.GetBytes(Secret)).ShouldBe(-1, $"{file} holds the secret ({encoding.WebName})");
            }

            bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(JsonEncodedText.Encode(Secret).ToString())).ShouldBe(-1, $"{file} holds the secret, JSON-escaped");
        }
    }

    [Fact]
    public void A_running_run_whose_engine_is_alive_is_not_interrupted()
    {
        using var session = _store.CreateRun(Run());
        session.Journal.Append(new RunStarted());

        _store.ListRuns().Single().Abandoned.ShouldBeFalse("this process holds the lock");
        _store.ReadRun(session.Id).Abandoned.ShouldBeFalse();
    }

    [Fact]
    public void A_running_run_whose_engine_let_go_or_died_is_interrupted_and_a_finished_one_never_is()
    {
        string id;
        using (var session = _store.CreateRun(Run()))
        {
            session.Journal.Append(new RunStarted());
            id = session.Id;
        }

        // Let go without finishing (the lock file is emptied).
        _store.ListRuns().Single().Abandoned.ShouldBeTrue();
        _store.ReadRun(id).Abandoned.ShouldBeTrue();

        // Died: the line a SIGKILLed holder leaves behind names a process that is gone.
        var lockFile = Path.Combine(_store.RunsDirectory, id, RunLock.FileName);
        File.WriteAllBytes(lockFile, new RunLockHolder(DeadProcessId(), Environment.MachineName, _time.GetUtcNow()).ToJson());
        _store.ReadRun(id).Abandoned.ShouldBeTrue();

        // Another host shares the state directory: its process cannot be checked from here.
        File.WriteAllBytes(lockFile, new RunLockHolder(DeadProcessId(), "some-other-host", _time.GetUtcNow()).ToJson());
        _store.ReadRun(id).Abandoned.ShouldBeFalse();

        using (var session = _store.OpenRun(id))
        {
            session.Journal.Append(new RunSucceeded());
        }

        _store.ReadRun(id).Abandoned.ShouldBeFalse("only a run the journal calls running can be interrupted");
    }

    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
