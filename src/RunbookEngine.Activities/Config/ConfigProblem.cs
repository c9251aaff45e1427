namespace RunbookEngine.Activities.Config;

/// <summary>
/// Why a config edit cannot be made, found the same way by plan and execute: execute turns it into an
/// <see cref="ActivityFailure"/>, plan into a high risk. Messages are not redacted yet; the activity does that.
/// </summary>
internal sealed class ConfigProblem(string errorType, string message) : Exception(message)
{
    /// <summary>The file (or its folder, for a new file) does not exist.</summary>
    public const string NotFound = "config.not-found";

    /// <summary>The current file does not parse as YAML.</summary>
    public const string InvalidYaml = "config.invalid-yaml";

    /// <summary>The path names a list item that does not exist.</summary>
    public const string PathNotFound = "config.path-not-found";

    /// <summary>The path goes through a value that is not a mapping (or a list, for an index).</summary>
    public const string PathConflict = "config.path-conflict";

    /// <summary>The file uses something the edit cannot keep intact (aliases, several documents, not UTF-8, too large).</summary>
    public const string Unsupported = "config.unsupported";

    public string ErrorType { get; } = errorType;

    /// <summary>The failure an execution reports: never retryable, the file is the same on the next attempt.</summary>
    public ActivityFailure ToFailure(Context.SecretRedactor redactor) => new(ErrorType, redactor.Redact(Message), retryable: false, this);
}
