using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

/// <summary>
/// Committed journals from this version of the engine. If a change to the format breaks one of these tests, the
/// change breaks resume for runs already on disk: keep reading the old format, and add a new golden file.
/// </summary>
public sealed class GoldenJournalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Names => [.. GoldenJournals.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Writing_the_same_records_gives_the_same_bytes(string name)
    {
        var actual = Path.Combine(_dir.Path, name);
        GoldenJournals.Write(name, actual);

        var golden = Path.Combine(GoldenJournals.Folder, name);
        if (!File.Exists(golden) || !File.ReadAllBytes(golden).AsSpan().SequenceEqual(File.ReadAllBytes(actual)))
        {
            var kept = Path.Combine(AppContext.BaseDirectory, "golden-actual", name);
            Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
            File.Copy(actual, kept, overwrite: true);
            Assert.Fail($"{golden} differs from what the writer produces now (kept in {kept}). If the format changed on purpose, " +
                "add a new golden file for the new format and keep this one: old runs must stay resumable.");
        }
    }

    [Fact]
    public void The_golden_files_contain_every_record_kind()
    {
        var kinds = GoldenJournals.All.Keys
            .SelectMany(name => Read(name).Entries)
            .Select(e => e.Record.Type)
            .ToHashSet();

        kinds.Order(StringComparer.Ordinal).ShouldBe(JournalRecordTypes.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Succeeded_replays_to_a_finished_run()
    {
        var journal = Read("succeeded.jsonl");
        journal.Warnings.ShouldBeEmpty();
        journal.Entries.Count.ShouldBe(24);
        journal.Entries[0].At.ShouldBe(new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero));
        journal.Entries[^1].At.ShouldBe(new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero).AddTicks(23 * 12505000));

        var history = RunHistory.Replay(journal.Entries);

        history.State.ShouldBe(RecordedRunState.Succeeded);
        history.Created.ShouldBe(new RunCreated("cowsql/restore-new-config", "1.0.0", SampleRecords.Hash));
        history.Steps.Select(s => (s.Key.ToString(), s.State)).ShouldBe(
        [
            ("preflight[0]", RecordedStepState.Succeeded),
            ("preflight[1]", RecordedStepState.Succeeded),
            ("latest", RecordedStepState.Succeeded),
            ("backup", RecordedStepState.Succeeded),
            ("confirm", RecordedStepState.Succeeded),
            ("wipe[0]", RecordedStepState.Succeeded),
            ("wipe[1]", RecordedStepState.Skipped),
            ("restore/copy-data", RecordedStepState.Succeeded),
        ]);
        var backup = history.Find("backup")!;
        backup.Attempts.ShouldBe(2);
        backup.LastFailure!.Message.ShouldBe("tar: /backup: no space left on device\n(exit 2)");
        backup.Outputs!.Value.GetProperty("bytes").GetInt64().ShouldBe(73400320);
        history.Find("latest")!.Outputs!.Value.GetProperty("address").GetString().ShouldBe("10.0.0.2:9001");
        history.Find("confirm")!.Approval!.By.ShouldBe("alice");
        history.PendingApprovals.ShouldBeEmpty();
        history.Facts.ShouldHaveSingleItem().Facts.GetProperty("term").GetInt32().ShouldBe(7);
        history.InDoubt.ShouldBeEmpty();
    }

    [Fact]
    public void Interrupted_replays_to_a_run_with_a_step_in_doubt()
    {
        var journal = Read("interrupted.jsonl");
        journal.Warnings.ShouldBeEmpty();

        var history = RunHistory.Replay(journal.Entries);

        history.State.ShouldBe(RecordedRunState.Running);
        history.Resumes.ShouldBe(2);
        history.InDoubt.ShouldHaveSingleItem().Key.ShouldBe(new StepKey("restore/copy-data", null));
        history.ItemsOf("wipe").Select(s => (s.Key.Item, s.State, s.Attempts)).ShouldBe(
        [
            (0, RecordedStepState.Succeeded, 1),
            (1, RecordedStepState.Succeeded, 1),
            (2, RecordedStepState.Succeeded, 2),
        ]);
        history.Find("wipe", 1)!.Resolution!.Decision.ShouldBe(InDoubtDecision.MarkDone);
        history.Find("wipe", 1)!.Outputs.ShouldBeNull();
        history.Find("wipe", 2)!.Resolution!.Decision.ShouldBe(InDoubtDecision.Rerun);
    }

    [Fact]
    public void Failed_then_cancelled_replays_to_a_cancelled_run_with_an_unanswered_approval()
    {
        var history = RunHistory.Replay(Read("failed-then-cancelled.jsonl").Entries);

        history.State.ShouldBe(RecordedRunState.Cancelled);
        history.Cancellation!.By.ShouldBe("carol");
        history.Failure.ShouldBeNull();
        history.Resumes.ShouldBe(2);
        history.Find("backup")!.State.ShouldBe(RecordedStepState.Succeeded);
        history.Find("backup")!.LastFailure!.Retryable.ShouldBeFalse();
        history.PendingApprovals.ShouldHaveSingleItem().Message.ShouldBe("Wipe the followers?");
        history.Find("confirm")!.State.ShouldBe(RecordedStepState.WaitingForApproval);
    }

    [Fact]
    public void Torn_tail_reads_without_its_last_record_and_reopens_cleanly()
    {
        var journal = Read("torn-tail.jsonl");
        journal.Entries.Count.ShouldBe(8);
        journal.Warnings.ShouldHaveSingleItem().Line.ShouldBe(9);
        journal.FileLength.ShouldBe(journal.ValidLength + GoldenJournals.TornBytes);

        var history = RunHistory.Replay(journal.Entries);
        history.State.ShouldBe(RecordedRunState.Running);
        history.Find("wipe", 1)!.State.ShouldBe(RecordedStepState.InDoubt);

        var copy = Path.Combine(_dir.Path, "journal.jsonl");
        File.Copy(Path.Combine(GoldenJournals.Folder, "torn-tail.jsonl"), copy);
        using (var writer = JournalWriter.Open(copy, new FakeTimeProvider(), new CountingFileSync()))
        {
            writer.Append(new InDoubtResolved("wipe", 1, InDoubtDecision.MarkDone, "bob")).Seq.ShouldBe(9);
        }

        RunHistory.Replay(JournalReader.Read(copy).Entries).Find("wipe", 1)!.State.ShouldBe(RecordedStepState.Succeeded);
    }

    private static JournalReadResult Read(string name) => JournalReader.Read(Path.Combine(GoldenJournals.Folder, name));
}
