using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

public sealed class JournalWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CountingFileSync _sync = new();

    public void Dispose() => _dir.Dispose();

    private string JournalPath => Path.Combine(_dir.Path, "journal.jsonl");

    [Fact]
    public void Appends_numbered_timestamped_records()
    {
        using (var writer = JournalWriter.Open(JournalPath, _time, _sync))
        {
            writer.Append(new RunCreated("a/b", "1.0.0", SampleRecords.Hash)).Seq.ShouldBe(1);
            _time.Advance(TimeSpan.FromSeconds(2));
            var second = writer.Append(new RunStarted());
            second.Seq.ShouldBe(2);
            second.At.ShouldBe(_time.GetUtcNow());
            writer.LastSeq.ShouldBe(2);
        }

        var read = JournalReader.Read(JournalPath);
        read.Entries.Select(e => e.Record.Type).ShouldBe(["RunCreated", "RunStarted"]);
        read.Entries[1].At.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public void Every_append_is_synced_after_its_line_is_written_and_before_it_returns()
    {
        var seenAtSync = new List<long>();
        _sync.OnDataSync = path => seenAtSync.Add(JournalReader.Read(path).LastSeq);
        using var writer = JournalWriter.Open(JournalPath, _time, _sync);

        for (var i = 1; i <= 5; i++)
        {
            writer.Append(new StepStarted("step", i, 1));
            _sync.DataSyncs.ShouldBe(i);
        }

        seenAtSync.ShouldBe([1L, 2, 3, 4, 5]);
    }

    [Fact]
    public void A_group_committed_line_is_written_at_once_and_synced_by_the_next_immediate_append()
    {
        var seenAtSync = new List<long>();
        _sync.OnDataSync = path => seenAtSync.Add(JournalReader.Read(path).LastSeq);
        using var writer = JournalWriter.Open(JournalPath, _time, _sync, groupCommitWindow: Timeout.InfiniteTimeSpan);

        writer.Append(new StepStarted("a", null, 1));
        writer.Append(new StepSucceeded("a", null, SampleRecords.Json("{}")), JournalDurability.GroupCommit);
        writer.Append(new StepSkipped("b", null, "when was false"), JournalDurability.GroupCommit);

        _sync.DataSyncs.ShouldBe(1);
        JournalReader.Read(JournalPath).LastSeq.ShouldBe(3, "the lines are in the file (the kernel has them) before any sync");

        writer.Append(new StepStarted("c", null, 1));
        _sync.DataSyncs.ShouldBe(2);
        seenAtSync.ShouldBe([1L, 4], "one sync covers the two group-committed lines and the StepStarted after them");
    }

    [Fact]
    public void Flush_syncs_only_when_something_is_pending()
    {
        using var writer = JournalWriter.Open(JournalPath, _time, _sync, groupCommitWindow: Timeout.InfiniteTimeSpan);
        writer.Append(new StepStarted("a", null, 1));
        writer.Flush();
        _sync.DataSyncs.ShouldBe(1);

        writer.Append(new StepSucceeded("a", null, SampleRecords.Json("{}")), JournalDurability.GroupCommit);
        writer.Flush();
        writer.Flush();
        _sync.DataSyncs.ShouldBe(2);
    }

    [Fact]
    public void Disposing_syncs_a_pending_group_commit()
    {
        using (var writer = JournalWriter.Open(JournalPath, _time, _sync, groupCommitWindow: Timeout.InfiniteTimeSpan))
        {
            writer.Append(new StepSucceeded("a", null, SampleRecords.Json("{}")), JournalDurability.GroupCommit);
            _sync.DataSyncs.ShouldBe(0);
        }

        _sync.DataSyncs.ShouldBe(1);
    }

    [Fact]
    public void The_timer_syncs_a_group_commit_that_no_append_follows()
    {
        var synced = new ManualResetEventSlim();
        _sync.OnDataSync = _ => synced.Set();
        using var writer = JournalWriter.Open(JournalPath, _time, _sync, groupCommitWindow: TimeSpan.FromMilliseconds(20));

        writer.Append(new StepSucceeded("a", null, SampleRecords.Json("{}")), JournalDurability.GroupCommit);

        synced.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the group-commit timer synced the line without another append");
        _sync.DataSyncs.ShouldBe(1);
        _time.GetUtcNow().ShouldBe(new FakeTimeProvider().GetUtcNow(), "the window runs on the wall clock, not the engine's clock");
    }

    [Fact]
    public void A_failed_timer_sync_is_reported_by_the_next_append()
    {
        var attempted = new ManualResetEventSlim();
        _sync.FailDataSyncNumber = 1;
        _sync.OnDataSync = _ => attempted.Set();
        using var writer = JournalWriter.Open(JournalPath, _time, _sync, groupCommitWindow: TimeSpan.FromMilliseconds(20));

        writer.Append(new StepSucceeded("a", null, SampleRecords.Json("{}")), JournalDurability.GroupCommit);
        attempted.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();

        // The timer thread records the failure under the writer's lock; the next append must refuse, not claim durability.
        var refused = Should.Throw<JournalWriteException>(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.Append(new StepStarted("b", null, 1));
                Thread.Sleep(10);
            }
        });
        refused.Message.ShouldContain("an earlier append failed");
    }

    [Fact]
    public void Creating_the_journal_syncs_its_directory_and_reopening_does_not()
    {
        JournalWriter.Open(JournalPath, _time, _sync).Dispose();
        _sync.DirectorySyncs.ShouldBe([_dir.Path]);

        JournalWriter.Open(JournalPath, _time, _sync).Dispose();
        _sync.DirectorySyncs.Count.ShouldBe(1);
    }

    [Fact]
    public void Reopening_continues_the_sequence()
    {
        using (var writer = JournalWriter.Open(JournalPath, _time, _sync))
        {
            writer.Append(new RunCreated("a/b", "1.0.0", SampleRecords.Hash));
            writer.Append(new RunStarted());
        }

        using (var writer = JournalWriter.Open(JournalPath, _time, _sync))
        {
            writer.Existing.Entries.Count.ShouldBe(2);
            writer.Append(new RunResumed()).Seq.ShouldBe(3);
        }

        JournalReader.Read(JournalPath).Entries.Select(e => e.Seq).ShouldBe([1L, 2, 3]);
    }

    [Fact]
    public void A_torn_tail_at_any_offset_is_cut_off_and_appending_continues_with_the_right_seq()
    {
        var bytes = SampleRecords.Journal(4, out var lines);
        var cleanLength = bytes.Length - lines[^1].Length;
        for (var kept = 1; kept < lines[^1].Length; kept++)
        {
            File.WriteAllBytes(JournalPath, bytes[..(cleanLength + kept)]);
            var syncsBefore = _sync.DataSyncs;

            using (var writer = JournalWriter.Open(JournalPath, _time, _sync))
            {
                writer.Existing.Warnings.ShouldHaveSingleItem().Code.ShouldBe(JournalErrorCodes.TornLastRecord);
                new FileInfo(JournalPath).Length.ShouldBe(cleanLength, $"{kept} bytes kept");
                _sync.DataSyncs.ShouldBe(syncsBefore + 1, "the truncation is synced before appending");
                writer.Append(new RunResumed()).Seq.ShouldBe(4);
            }

            var reread = JournalReader.Read(JournalPath);
            reread.Warnings.ShouldBeEmpty();
            reread.Entries.Select(e => e.Seq).ShouldBe([1L, 2, 3, 4]);
            reread.Entries[^1].Record.ShouldBeOfType<RunResumed>();
        }
    }

    [Fact]
    public void A_journal_damaged_in_the_middle_is_not_opened_or_touched()
    {
        var bytes = SampleRecords.Journal(4, out var lines);
        bytes[lines[0].Length + 5] ^= 0x01;
        File.WriteAllBytes(JournalPath, bytes);

        var error = Should.Throw<JournalCorruptException>(() => JournalWriter.Open(JournalPath, _time, _sync));

        error.Line.ShouldBe(2);
        File.ReadAllBytes(JournalPath).ShouldBe(bytes);
    }

    [Fact]
    public void After_a_failed_sync_the_writer_refuses_to_append()
    {
        _sync.FailDataSyncNumber = 2;
        using (var writer = JournalWriter.Open(JournalPath, _time, _sync))
        {
            writer.Append(new RunCreated("a/b", "1.0.0", SampleRecords.Hash));
            var failed = Should.Throw<JournalWriteException>(() => writer.Append(new RunStarted()));
            failed.Code.ShouldBe("RB0907");
            failed.Line.ShouldBe(2);
            failed.Problem.ShouldBe("cannot append record 2 (RunStarted): fdatasync: Input/output error (simulated)");
            failed.Cause.ShouldBeOfType<IOException>();

            var refused = Should.Throw<JournalWriteException>(() => writer.Append(new RunStarted()));
            refused.Problem.ShouldBe("an earlier append failed (fdatasync: Input/output error (simulated))");
            writer.LastSeq.ShouldBe(1);
        }

        // The record whose sync failed may or may not be on disk; either way the journal reads and continues.
        using var reopened = JournalWriter.Open(JournalPath, _time, _sync);
        reopened.Append(new RunResumed()).Seq.ShouldBe(reopened.Existing.LastSeq + 1);
    }

    [Fact]
    public void Parallel_appends_get_distinct_consecutive_seqs()
    {
        using (var writer = JournalWriter.Open(JournalPath, _time, new CountingFileSync()))
        {
            Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => writer.Append(new StepStarted("fan-out", i, 1)));
        }

        var read = JournalReader.Read(JournalPath);
        read.Entries.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 200).Select(i => (long)i));
        read.Entries.Select(e => ((StepStarted)e.Record).Item).Order().ShouldBe(Enumerable.Range(0, 200).Select(i => (int?)i));
    }

    [Fact]
    public void A_disposed_writer_refuses_to_append()
    {
        var writer = JournalWriter.Open(JournalPath, _time, _sync);
        writer.Dispose();
        Should.Throw<ObjectDisposedException>(() => writer.Append(new RunStarted()));
    }

    [Fact]
    public void The_real_sync_works_on_this_platform()
    {
        var sync = new CountingFileSync(real: true);
        using (var writer = JournalWriter.Open(JournalPath, _time, sync))
        {
            writer.Append(new RunStarted());
        }

        sync.DataSyncs.ShouldBe(1);
        JournalReader.Read(JournalPath).Entries.Count.ShouldBe(1);
    }

    [Fact]
    public void A_failing_directory_sync_reports_the_path_and_the_error()
    {
        var missing = Path.Combine(_dir.Path, "no-such-dir");
        var error = Should.Throw<IOException>(() => FileSync.Instance.SyncDirectory(missing));
        error.Message.ShouldContain(missing);
    }
}
