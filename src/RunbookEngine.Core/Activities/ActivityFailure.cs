namespace RunbookEngine.Activities;

/// <summary>
/// An activity failed in a way it understands (a port is open, a program exited 3, an assertion is false).
/// <see cref="ErrorType"/> is a stable string runbooks and the journal can rely on (e.g. <c>net.port-open</c>);
/// <see cref="Retryable"/> says whether running it again could give a different result, so the step's
/// <c>retry:</c> policy applies at all. The message is shown to the operator and must already be redacted.
/// </summary>
public sealed class ActivityFailure : Exception
{
    public ActivityFailure(string errorType, string message, bool retryable, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ErrorType = errorType;
        Retryable = retryable;
    }

    public string ErrorType { get; }

    public bool Retryable { get; }
}
