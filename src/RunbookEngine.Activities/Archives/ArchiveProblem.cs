using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Archives;

/// <summary>
/// Why an archive step cannot run, found the same way by plan and execute (execute fails with it, plan shows it as a
/// high risk). Messages are not redacted yet; <see cref="ToFailure"/> does that.
/// </summary>
internal sealed class ArchiveProblem(string errorType, string message) : Exception(message)
{
    /// <summary>The archive (extract) or the folder to archive (create) does not exist.</summary>
    public const string NotFound = "archive.not-found";

    /// <summary>An entry would land outside the destination, or is a device, or collides with another entry.</summary>
    public const string UnsafeEntry = "archive.unsafe-entry";

    /// <summary>The destination already has a symbolic link where an entry goes; writing there could leave it.</summary>
    public const string UnsafeDestination = "archive.unsafe-destination";

    /// <summary>An entry type this engine does not extract (sparse, multi-volume, …).</summary>
    public const string UnsupportedEntry = "archive.unsupported-entry";

    /// <summary>Something different already exists where an entry (or the new archive) goes, and overwrite is off.</summary>
    public const string TargetExists = "archive.target-exists";

    /// <summary>The file is not a readable tar or tar.gz archive.</summary>
    public const string Invalid = "archive.invalid";

    /// <summary>The archive changed between the checking pass and the extracting pass.</summary>
    public const string Changed = "archive.changed";

    /// <summary>archive.create was asked to write the archive inside the folder it archives.</summary>
    public const string TargetInsideSource = "archive.target-inside-source";

    public string ErrorType { get; } = errorType;

    /// <summary>Never retryable: the archive and the destination are the same on the next attempt.</summary>
    public ActivityFailure ToFailure(SecretRedactor redactor) => new(ErrorType, redactor.Redact(Message), retryable: false, this);
}
