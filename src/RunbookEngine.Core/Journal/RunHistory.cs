namespace RunbookEngine.Journal;

/// <summary>
/// A run's journal folded into its current state: what resume needs to continue exactly where the run stopped.
/// Replay only reports what the records say; whether a transition was legal is the state machines' business.
/// </summary>
internal sealed class RunHistory
{
    private IReadOnlyDictionary<StepKey, StepHistory> _steps = new Dictionary<StepKey, StepHistory>();

    private RunHistory()
    {
    }

    /// <summary>The first record: runbook name, version and content hash. Null only for an empty journal.</summary>
    public RunCreated? Created { get; private set; }

    public RecordedRunState State { get; private set; }

    public DateTimeOffset? CreatedAt { get; private set; }

    /// <summary>When the run first started (RunStarted); resumes do not move it.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? LastRecordAt { get; private set; }

    public long LastSeq { get; private set; }

    /// <summary>How many times a process took the run over.</summary>
    public int Resumes { get; private set; }

    /// <summary>Set while <see cref="RecordedRunState.Paused"/>.</summary>
    public string? PauseReason { get; private set; }

    /// <summary>Set while <see cref="RecordedRunState.Failed"/>.</summary>
    public RunFailed? Failure { get; private set; }

    /// <summary>Set when <see cref="RecordedRunState.Cancelled"/>.</summary>
    public RunCancelled? Cancellation { get; private set; }

    /// <summary>Every step (and foreach item) the journal mentions, in the order it first appeared.</summary>
    public IReadOnlyList<StepHistory> Steps { get; private set; } = [];

    public IReadOnlyList<PendingApproval> PendingApprovals { get; private set; } = [];

    public IReadOnlyList<RecordedFact> Facts { get; private set; } = [];

    public IEnumerable<StepHistory> InDoubt => Steps.Where(s => s.State == RecordedStepState.InDoubt);

    public StepHistory? Find(string step, int? item = null) => _steps.GetValueOrDefault(new StepKey(step, item));

    /// <summary>The items of a foreach step that the journal mentions, by index.</summary>
    public IReadOnlyList<StepHistory> ItemsOf(string step) =>
        Steps.Where(s => s.Key.Step == step && s.Key.Item is not null).OrderBy(s => s.Key.Item).ToList();

    public static RunHistory Replay(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var replay = new Replayer();
        foreach (var entry in entries)
        {
            replay.Apply(entry);
        }

        return replay.Finish();
    }

    private sealed class Replayer
    {
        private readonly Dictionary<StepKey, StepHistory> _steps = [];
        private readonly List<StepKey> _order = [];
        private readonly List<PendingApproval> _pending = [];
        private readonly List<RecordedFact> _facts = [];
        private readonly RunHistory _run = new();

        public void Apply(JournalEntry entry)
        {
            _run.LastSeq = entry.Seq;
            _run.LastRecordAt = entry.At;
            switch (entry.Record)
            {
                case StepRecord step:
                    ApplyStep(step, entry.At);
                    break;
                default:
                    ApplyRun(entry.Record, entry.At);
                    break;
            }
        }

        public RunHistory Finish()
        {
            _run._steps = _steps;
            _run.Steps = _order.Select(k => _steps[k]).ToList();
            _run.PendingApprovals = _pending;
            _run.Facts = _facts;
            return _run;
        }

        private void ApplyRun(JournalRecord record, DateTimeOffset at)
        {
            var run = _run;
            switch (record)
            {
                case RunCreated created:
                    run.Created = created;
                    run.CreatedAt = at;
                    run.State = RecordedRunState.Created;
                    break;
                case RunStarted:
                    run.StartedAt ??= at;
                    Continue(RecordedRunState.Running);
                    break;
                case RunResumed:
                    run.Resumes++;
                    Continue(RecordedRunState.Running);
                    break;
                case RunPaused paused:
                    Continue(RecordedRunState.Paused);
                    run.PauseReason = paused.Reason;
                    break;
                case RunSucceeded:
                    Continue(RecordedRunState.Succeeded);
                    break;
                case RunFailed failed:
                    Continue(RecordedRunState.Failed);
                    run.Failure = failed;
                    break;
                case RunCancelled cancelled:
                    Continue(RecordedRunState.Cancelled);
                    run.Cancellation = cancelled;
                    break;
                default:
                    throw new InvalidOperationException($"replay does not handle {record.Type} records");
            }
        }

        private void Continue(RecordedRunState state)
        {
            _run.State = state;
            _run.PauseReason = null;
            _run.Failure = null;
        }

        private void ApplyStep(StepRecord record, DateTimeOffset at)
        {
            var key = record.Key;
            if (record is FactRecorded fact)
            {
                _facts.Add(new RecordedFact(key, fact.Facts, _run.LastSeq, at));
                return;
            }

            if (!_steps.TryGetValue(key, out var step))
            {
                step = new StepHistory(key, RecordedStepState.InDoubt, 0, 0, null, null, null, null, null, null, at, at);
                _order.Add(key);
            }

            step = step with { LastChangedAt = at };
            _steps[key] = record switch
            {
                StepStarted started => step with
                {
                    State = RecordedStepState.InDoubt,
                    Attempts = step.Attempts + 1,
                    LastAttempt = started.Attempt,
                    Outputs = null,
                    PendingRetry = null,
                },
                StepSucceeded succeeded => step with { State = RecordedStepState.Succeeded, Outputs = succeeded.Outputs },
                StepFailed failed => step with { State = RecordedStepState.Failed, LastFailure = failed },
                RetryScheduled retry => step with { State = RecordedStepState.RetryPending, PendingRetry = retry },
                StepSkipped skipped => step with { State = RecordedStepState.Skipped, SkipReason = skipped.Reason },
                ApprovalRequested requested => Request(step, requested, at),
                ApprovalGranted granted => Grant(step, granted),
                InDoubtResolved resolved => step with
                {
                    State = resolved.Decision == InDoubtDecision.MarkDone ? RecordedStepState.Succeeded : RecordedStepState.RerunRequested,
                    Resolution = resolved,
                },
                _ => throw new InvalidOperationException($"replay does not handle {record.Type} records"),
            };
        }

        private StepHistory Request(StepHistory step, ApprovalRequested requested, DateTimeOffset at)
        {
            // A new request for the same step (say, after a re-plan) replaces the old one.
            _pending.RemoveAll(p => p.Key == step.Key);
            _pending.Add(new PendingApproval(step.Key, requested.Message, requested.PlanHash, at));
            return step with { State = RecordedStepState.WaitingForApproval };
        }

        // A grant counts only for the plan that was shown; one for another plan leaves the request pending.
        private StepHistory Grant(StepHistory step, ApprovalGranted granted)
        {
            var index = _pending.FindIndex(p => p.Key == step.Key && p.PlanHash == granted.PlanHash);
            if (index < 0)
            {
                return step;
            }

            _pending.RemoveAt(index);
            return step with
            {
                State = step.State == RecordedStepState.WaitingForApproval ? RecordedStepState.InDoubt : step.State,
                Approval = granted,
            };
        }
    }
}
