namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Something wrong or noteworthy in a node directory. <see cref="Kind"/> is stable (runbooks and
/// tests match on it); <see cref="Message"/> is for people and quotes raft's own error text where
/// raft has one. <see cref="File"/> is the file name inside the node directory, if any.
/// </summary>
internal sealed record Problem(ProblemKind Kind, ProblemSeverity Severity, string Message, string? File);

internal enum ProblemSeverity
{
    /// <summary>raft would start, but something is off (it ignores, deletes or truncates data).</summary>
    Warning,

    /// <summary>raft/dqlite would refuse to start (or recover) this directory as it is.</summary>
    Error,
}
