using RunbookEngine.Execution.Engine;

namespace RunbookEngine.Core.Tests.Execution.Engine;

/// <summary>Keeps what the engine records as readable lines, e.g. <c>started b[1] #2</c>.</summary>
internal sealed class RecordingRecorder : IRunRecorder
{
    private readonly Lock _gate = new();

    public List<string> Lines { get; } = [];

    public List<(string Path, int? Item, object? Outputs)> Successes { get; } = [];

    /// <summary>
    /// Like a journal on a disk that fills up: the first line that starts with this throws an <see cref="IOException"/>,
    /// and so does every line after it (the writer refuses to append after a failure).
    /// </summary>
    public string? FailAt { get; set; }

    public IOException? Failure { get; private set; }

    private Task Add(string line)
    {
        lock (_gate)
        {
            if (Failure is null && FailAt is not null && line.StartsWith(FailAt, StringComparison.Ordinal))
            {
                Failure = new IOException($"No space left on device (recording '{line}')");
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            Lines.Add(line);
        }

        return Task.CompletedTask;
    }

    private static string L(string path, int? item) => item is null ? path : $"{path}[{item}]";

    public Task RunStartedAsync(bool resumed, CancellationToken cancellationToken) => Add(resumed ? "run resumed" : "run started");

    public Task RunPausedAsync(string reason, CancellationToken cancellationToken) => Add("run paused");

    public Task RunSucceededAsync(CancellationToken cancellationToken) => Add("run succeeded");

    public Task RunFailedAsync(string stepPath, string message, CancellationToken cancellationToken) => Add($"run failed at {stepPath}");

    public Task StepStartedAsync(string stepPath, int? item, int attempt, CancellationToken cancellationToken) => Add($"started {L(stepPath, item)} #{attempt}");

    public Task StepSucceededAsync(string stepPath, int? item, object? outputs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Successes.Add((stepPath, item, outputs));
        }

        return Add($"succeeded {L(stepPath, item)}");
    }

    public Task StepFailedAsync(string stepPath, int? item, string errorType, string message, bool retryable, CancellationToken cancellationToken) =>
        Add($"failed {L(stepPath, item)} {errorType}");

    public Task StepSkippedAsync(string stepPath, int? item, string reason, CancellationToken cancellationToken) => Add($"skipped {L(stepPath, item)}");

    public Task RetryScheduledAsync(string stepPath, int? item, int nextAttempt, TimeSpan delay, CancellationToken cancellationToken) =>
        Add($"retry {L(stepPath, item)} #{nextAttempt} in {delay.TotalSeconds}s");

    public Task ApprovalRequestedAsync(string stepPath, string message, string planHash, CancellationToken cancellationToken) => Add($"approval asked {stepPath}: {message}");

    public Task ApprovalGrantedAsync(string stepPath, string by, string planHash, CancellationToken cancellationToken) => Add($"approved {stepPath} by {by}");

    public Task InDoubtResolvedAsync(string stepPath, int? item, InDoubtPolicy decision, string by, CancellationToken cancellationToken) =>
        Add($"in doubt {L(stepPath, item)} {decision}");
}
