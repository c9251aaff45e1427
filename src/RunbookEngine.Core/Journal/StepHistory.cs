using System.Text.Json;

namespace RunbookEngine.Journal;

/// <summary>Everything the journal says about one step (and foreach item), folded into its latest state.</summary>
/// <param name="Attempts">How many times it was started (StepStarted records), across processes.</param>
/// <param name="LastAttempt">The attempt number of the latest StepStarted.</param>
/// <param name="Outputs">Set when it succeeded by running; null when skipped, failed, or marked done by an operator.</param>
/// <param name="LastFailure">The latest failure, kept after a retry succeeds for the run report.</param>
/// <param name="PendingRetry">Set while <see cref="RecordedStepState.RetryPending"/>.</param>
/// <param name="Approval">The latest grant, which is valid only for its plan hash.</param>
/// <param name="Resolution">The operator's latest decision about it being in doubt.</param>
internal sealed record StepHistory(
    StepKey Key,
    RecordedStepState State,
    int Attempts,
    int LastAttempt,
    JsonElement? Outputs,
    StepFailed? LastFailure,
    string? SkipReason,
    RetryScheduled? PendingRetry,
    ApprovalGranted? Approval,
    InDoubtResolved? Resolution,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastChangedAt);

/// <summary>An approval asked for and not (yet) granted for the same plan.</summary>
internal sealed record PendingApproval(StepKey Key, string Message, string PlanHash, DateTimeOffset RequestedAt);

/// <summary>A fact a step recorded, to re-check on resume.</summary>
internal sealed record RecordedFact(StepKey Key, JsonElement Facts, long Seq, DateTimeOffset At);
