namespace RunbookEngine.Execution.Engine;

/// <summary>
/// Where the engine writes what happens, before it proceeds. The journal implements it (every call is durable
/// when it returns); tests use an in-memory list. Calls are serialised by the engine.
/// </summary>
internal interface IRunRecorder
{
    Task RunStartedAsync(bool resumed, CancellationToken cancellationToken);

    Task RunPausedAsync(string reason, CancellationToken cancellationToken);

    Task RunSucceededAsync(CancellationToken cancellationToken);

    Task RunFailedAsync(string stepPath, string message, CancellationToken cancellationToken);

    Task StepStartedAsync(string stepPath, int? item, int attempt, CancellationToken cancellationToken);

    Task StepSucceededAsync(string stepPath, int? item, object? outputs, CancellationToken cancellationToken);

    Task StepFailedAsync(string stepPath, int? item, string errorType, string message, bool retryable, CancellationToken cancellationToken);

    Task StepSkippedAsync(string stepPath, int? item, string reason, CancellationToken cancellationToken);

    Task RetryScheduledAsync(string stepPath, int? item, int nextAttempt, TimeSpan delay, CancellationToken cancellationToken);

    Task ApprovalRequestedAsync(string stepPath, string message, string planHash, CancellationToken cancellationToken);

    Task ApprovalGrantedAsync(string stepPath, string by, string planHash, CancellationToken cancellationToken);

    Task InDoubtResolvedAsync(string stepPath, int? item, InDoubtPolicy decision, string by, CancellationToken cancellationToken);
}
