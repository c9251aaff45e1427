namespace RunbookEngine.Runs;

/// <summary>A run that cannot be found, opened or used. <see cref="Code"/> is one of <see cref="RunErrorCodes"/>.</summary>
internal class RunStoreException(string code, string message) : Exception($"{code} {message}")
{
    public string Code { get; } = code;

    /// <summary>The message without the code in front.</summary>
    public string Problem { get; } = message;
}

internal sealed class RunNotFoundException(string runId, string message) : RunStoreException(RunErrorCodes.RunNotFound, message)
{
    public string RunId { get; } = runId;
}
