using RunbookEngine.Journal;

namespace RunbookEngine.Core.Tests.Journal;

public sealed class RunHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 3, 28, 12, TimeSpan.Zero);
    private static readonly RunCreated Created = new("cowsql/restore-new-config", "1.0.0", SampleRecords.Hash);

    private static RunHistory Replay(params JournalRecord[] records) =>
        RunHistory.Replay(records.Select((r, i) => new JournalEntry(i + 1, Start.AddSeconds(i), r)));

    [Fact]
    public void A_step_started_without_an_end_is_in_doubt()
    {
        var history = Replay(Created, new RunStarted(), new StepStarted("backup", null, 1));

        var step = history.Find("backup").ShouldNotBeNull();
        step.State.ShouldBe(RecordedStepState.InDoubt);
        step.Attempts.ShouldBe(1);
        history.InDoubt.ShouldHaveSingleItem().Key.ShouldBe(new StepKey("backup", null));
        history.State.ShouldBe(RecordedRunState.Running);
    }

    [Fact]
    public void Foreach_items_are_tracked_one_by_one()
    {
        var history = Replay(
            Created,
            new RunStarted(),
            new StepStarted("wipe", 0, 1),
            new StepSucceeded("wipe", 0, SampleRecords.Json("""{"removed":3}""")),
            new StepSkipped("wipe", 1, "keeps the newest log"),
            new StepStarted("wipe", 3, 1),
            new StepFailed("wipe", 3, "PermissionDenied", "not allowed", false),
            new StepStarted("wipe", 2, 1));

        history.ItemsOf("wipe").Select(s => (s.Key.Item, s.State)).ShouldBe(
        [
            (0, RecordedStepState.Succeeded),
            (1, RecordedStepState.Skipped),
            (2, RecordedStepState.InDoubt),
            (3, RecordedStepState.Failed),
        ]);
        history.Find("wipe", 0)!.Outputs!.Value.GetProperty("removed").GetInt32().ShouldBe(3);
        history.Find("wipe", 1)!.SkipReason.ShouldBe("keeps the newest log");
        history.Find("wipe", 3)!.LastFailure!.ErrorType.ShouldBe("PermissionDenied");
        history.Find("wipe").ShouldBeNull();
        history.InDoubt.Select(s => s.Key.ToString()).ShouldBe(["wipe[2]"]);
    }

    [Fact]
    public void Retries_count_attempts_and_keep_the_last_failure()
    {
        var history = Replay(
            Created,
            new StepStarted("backup", null, 1),
            new StepFailed("backup", null, "DiskFull", "full", true),
            new RetryScheduled("backup", null, 2, TimeSpan.FromSeconds(30)));

        var pending = history.Find("backup")!;
        pending.State.ShouldBe(RecordedStepState.RetryPending);
        pending.PendingRetry!.Attempt.ShouldBe(2);
        pending.PendingRetry.Delay.ShouldBe(TimeSpan.FromSeconds(30));

        history = Replay(
            Created,
            new StepStarted("backup", null, 1),
            new StepFailed("backup", null, "DiskFull", "full", true),
            new RetryScheduled("backup", null, 2, TimeSpan.FromSeconds(30)),
            new StepStarted("backup", null, 2),
            new StepSucceeded("backup", null, SampleRecords.Json("{}")));

        var done = history.Find("backup")!;
        done.State.ShouldBe(RecordedStepState.Succeeded);
        done.Attempts.ShouldBe(2);
        done.LastAttempt.ShouldBe(2);
        done.PendingRetry.ShouldBeNull();
        done.LastFailure!.Message.ShouldBe("full");
    }

    [Fact]
    public void Operator_decisions_on_in_doubt_steps()
    {
        var history = Replay(
            Created,
            new StepStarted("wipe", 0, 1),
            new StepStarted("wipe", 1, 1),
            new RunResumed(),
            new InDoubtResolved("wipe", 0, InDoubtDecision.MarkDone, "bob"),
            new InDoubtResolved("wipe", 1, InDoubtDecision.Rerun, "bob"));

        var markedDone = history.Find("wipe", 0)!;
        markedDone.State.ShouldBe(RecordedStepState.Succeeded);
        markedDone.Outputs.ShouldBeNull();
        markedDone.Resolution!.By.ShouldBe("bob");
        history.Find("wipe", 1)!.State.ShouldBe(RecordedStepState.RerunRequested);
        history.InDoubt.ShouldBeEmpty();

        history = Replay(
            Created,
            new StepStarted("wipe", 1, 1),
            new InDoubtResolved("wipe", 1, InDoubtDecision.Rerun, "bob"),
            new StepStarted("wipe", 1, 2));
        history.Find("wipe", 1)!.State.ShouldBe(RecordedStepState.InDoubt);
        history.Find("wipe", 1)!.Attempts.ShouldBe(2);
    }

    [Fact]
    public void Approvals_are_pending_until_granted_for_the_same_plan()
    {
        var asked = Replay(Created, new StepStarted("confirm", null, 1), new ApprovalRequested("confirm", null, "Keep node 2?", "plan-a"), new RunPaused("waiting for approval"));
        asked.PendingApprovals.ShouldHaveSingleItem().ShouldBe(new PendingApproval(new StepKey("confirm", null), "Keep node 2?", "plan-a", Start.AddSeconds(2)));
        asked.Find("confirm")!.State.ShouldBe(RecordedStepState.WaitingForApproval);
        asked.State.ShouldBe(RecordedRunState.Paused);
        asked.PauseReason.ShouldBe("waiting for approval");

        var otherPlan = Replay(Created, new StepStarted("confirm", null, 1), new ApprovalRequested("confirm", null, "Keep node 2?", "plan-a"), new ApprovalGranted("confirm", null, "alice", "plan-b"));
        otherPlan.PendingApprovals.Count.ShouldBe(1);
        otherPlan.Find("confirm")!.Approval.ShouldBeNull();

        var granted = Replay(Created, new StepStarted("confirm", null, 1), new ApprovalRequested("confirm", null, "Keep node 2?", "plan-a"), new ApprovalGranted("confirm", null, "alice", "plan-a"));
        granted.PendingApprovals.ShouldBeEmpty();
        granted.Find("confirm")!.Approval!.By.ShouldBe("alice");
        granted.Find("confirm")!.State.ShouldBe(RecordedStepState.InDoubt);
    }

    [Fact]
    public void Facts_are_kept_in_order_with_their_step()
    {
        var history = Replay(
            Created,
            new FactRecorded("latest", null, SampleRecords.Json("""{"lastIndex":1042}""")),
            new FactRecorded("preflight", 1, SampleRecords.Json("""{"open":false}""")));

        history.Facts.Select(f => (f.Key.ToString(), f.Seq)).ShouldBe([("latest", 2L), ("preflight[1]", 3L)]);
        history.Facts[0].Facts.GetProperty("lastIndex").GetInt32().ShouldBe(1042);
        history.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void The_run_state_follows_the_run_records()
    {
        var history = Replay(Created);
        history.State.ShouldBe(RecordedRunState.Created);
        history.Created.ShouldBe(Created);
        history.StartedAt.ShouldBeNull();

        history = Replay(Created, new RunStarted(), new RunFailed("backup", "disk full"));
        history.State.ShouldBe(RecordedRunState.Failed);
        history.Failure!.Step.ShouldBe("backup");

        history = Replay(Created, new RunStarted(), new RunFailed("backup", "disk full"), new RunResumed(), new RunPaused("operator"), new RunResumed(), new RunSucceeded());
        history.State.ShouldBe(RecordedRunState.Succeeded);
        history.Failure.ShouldBeNull();
        history.PauseReason.ShouldBeNull();
        history.Resumes.ShouldBe(2);
        history.CreatedAt.ShouldBe(Start);
        history.StartedAt.ShouldBe(Start.AddSeconds(1));
        history.LastRecordAt.ShouldBe(Start.AddSeconds(6));
        history.LastSeq.ShouldBe(7);

        history = Replay(Created, new RunStarted(), new RunCancelled("carol"));
        history.State.ShouldBe(RecordedRunState.Cancelled);
        history.Cancellation!.By.ShouldBe("carol");
    }

    [Fact]
    public void An_empty_journal_replays_to_nothing()
    {
        var history = RunHistory.Replay([]);
        history.Created.ShouldBeNull();
        history.Steps.ShouldBeEmpty();
        history.LastSeq.ShouldBe(0);
    }
}
