using RunbookEngine.Execution.Engine;

namespace RunbookEngine.Cli.Running;

/// <summary>
/// Passes every record to the journal first (so durability is unchanged), then tells the terminal's live status line
/// which step started and which finished: the engine's own events, not its log text.
/// </summary>
internal sealed class ProgressRecorder(IRunRecorder journal, LiveStatus status) : IRunRecorder
{
    public Task RunStartedAsync(bool resumed, CancellationToken cancellationToken) => journal.RunStartedAsync(resumed, cancellationToken);

    public Task RunPausedAsync(string reason, CancellationToken cancellationToken) => journal.RunPausedAsync(reason, cancellationToken);

    public Task RunSucceededAsync(CancellationToken cancellationToken) => journal.RunSucceededAsync(cancellationToken);

    public Task RunFailedAsync(string stepPath, string message, CancellationToken cancellationToken) => journal.RunFailedAsync(stepPath, message, cancellationToken);

    public async Task StepStartedAsync(string stepPath, int? item, int attempt, CancellationToken cancellationToken)
    {
        await journal.StepStartedAsync(stepPath, item, attempt, cancellationToken);
        status.StepStarted(Label(stepPath, item));
    }

    public async Task StepSucceededAsync(string stepPath, int? item, object? outputs, CancellationToken cancellationToken)
    {
        await journal.StepSucceededAsync(stepPath, item, outputs, cancellationToken);
        status.StepFinished(Label(stepPath, item));
    }

    public Task StepFailedAsync(string stepPath, int? item, string errorType, string message, bool retryable, CancellationToken cancellationToken) =>
        journal.StepFailedAsync(stepPath, item, errorType, message, retryable, cancellationToken);

    public Task StepSkippedAsync(string stepPath, int? item, string reason, CancellationToken cancellationToken) => journal.StepSkippedAsync(stepPath, item, reason, cancellationToken);

    public Task RetryScheduledAsync(string stepPath, int? item, int nextAttempt, TimeSpan delay, CancellationToken cancellationToken) =>
        journal.RetryScheduledAsync(stepPath, item, nextAttempt, delay, cancellationToken);

    public Task ApprovalRequestedAsync(string stepPath, string message, string planHash, CancellationToken cancellationToken) =>
        journal.ApprovalRequestedAsync(stepPath, message, planHash, cancellationToken);

    public Task ApprovalGrantedAsync(string stepPath, string by, string planHash, CancellationToken cancellationToken) =>
        journal.ApprovalGrantedAsync(stepPath, by, planHash, cancellationToken);

    public Task InDoubtResolvedAsync(string stepPath, int? item, InDoubtPolicy decision, string by, CancellationToken cancellationToken) =>
        journal.InDoubtResolvedAsync(stepPath, item, decision, by, cancellationToken);

    private static string Label(string stepPath, int? item) => item is { } i ? $"{stepPath}[{i}]" : stepPath;
}
