using System.Text.Json;
using RunbookEngine.Journal;

namespace RunbookEngine.Execution.Engine;

/// <summary>
/// The engine's records, written to the run's journal. Each call returns once its line is fdatasync'ed, except a
/// step's end (succeeded or skipped): that line is group-committed, made durable by the fdatasync of the record
/// that follows (the next StepStarted, which must be durable before its activity runs, or the run's end) or by
/// the writer's timer within 50 ms. One sync per step instead of two, and a power loss in between can
/// only make a finished step look in doubt (resume re-runs it if idempotent, asks otherwise), never the reverse.
/// A killed engine loses nothing: the line is already in the kernel's page cache.
/// </summary>
internal sealed class JournalRecorder(JournalWriter journal) : IRunRecorder
{
    public Task RunStartedAsync(bool resumed, CancellationToken cancellationToken) =>
        Append(resumed ? new RunResumed() : new RunStarted());

    public Task RunPausedAsync(string reason, CancellationToken cancellationToken) => Append(new RunPaused(reason));

    public Task RunSucceededAsync(CancellationToken cancellationToken) => Append(new RunSucceeded());

    public Task RunFailedAsync(string stepPath, string message, CancellationToken cancellationToken) => Append(new RunFailed(stepPath, message));

    public Task StepStartedAsync(string stepPath, int? item, int attempt, CancellationToken cancellationToken) =>
        Append(new StepStarted(stepPath, item, attempt));

    public Task StepSucceededAsync(string stepPath, int? item, object? outputs, CancellationToken cancellationToken) =>
        Append(new StepSucceeded(stepPath, item, JsonSerializer.SerializeToElement(RunEngine.Jsonable(outputs))), JournalDurability.GroupCommit);

    public Task StepFailedAsync(string stepPath, int? item, string errorType, string message, bool retryable, CancellationToken cancellationToken) =>
        Append(new StepFailed(stepPath, item, errorType, message, retryable));

    public Task StepSkippedAsync(string stepPath, int? item, string reason, CancellationToken cancellationToken) =>
        Append(new StepSkipped(stepPath, item, reason), JournalDurability.GroupCommit);

    public Task RetryScheduledAsync(string stepPath, int? item, int nextAttempt, TimeSpan delay, CancellationToken cancellationToken) =>
        Append(new RetryScheduled(stepPath, item, nextAttempt, delay));

    public Task ApprovalRequestedAsync(string stepPath, string message, string planHash, CancellationToken cancellationToken) =>
        Append(new ApprovalRequested(stepPath, null, message, planHash));

    public Task ApprovalGrantedAsync(string stepPath, string by, string planHash, CancellationToken cancellationToken) =>
        Append(new ApprovalGranted(stepPath, null, by, planHash));

    public Task InDoubtResolvedAsync(string stepPath, int? item, InDoubtPolicy decision, string by, CancellationToken cancellationToken) =>
        Append(new InDoubtResolved(stepPath, item, decision == InDoubtPolicy.MarkDone ? InDoubtDecision.MarkDone : InDoubtDecision.Rerun, by));

    // Appends are synchronous on purpose: an append must not be abandoned half way because a token fired.
    private Task Append(JournalRecord record, JournalDurability durability = JournalDurability.Immediate)
    {
        journal.Append(record, durability);
        return Task.CompletedTask;
    }
}
