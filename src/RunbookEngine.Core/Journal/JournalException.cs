namespace RunbookEngine.Journal;

/// <summary>A journal that cannot be used as it is. The message names the file, the line and what is wrong.</summary>
internal abstract class JournalException(string code, string path, int line, string problem, string hint)
    : Exception($"{path}:{line}: {code} {problem}. {hint}")
{
    public string Code { get; } = code;

    public string FilePath { get; } = path;

    /// <summary>1-based line number of the offending record.</summary>
    public int Line { get; } = line;

    public string Problem { get; } = problem;

    /// <summary>What to do about it.</summary>
    public string Hint { get; } = hint;
}

/// <summary>
/// Damage that a crash cannot explain (a bad line before the last, a sequence gap or repeat, an invalid record).
/// The engine refuses to resume from it rather than guess.
/// </summary>
internal sealed class JournalCorruptException(string code, string path, int line, string problem)
    : JournalException(code, path, line, problem,
        "The journal is damaged before its end, which a crash does not cause; check the disk, and see " +
        "docs/journal-format.md (\"Checking a journal by hand\") before editing anything.");

/// <summary>The journal uses a record type or member this engine does not know.</summary>
internal sealed class JournalFromNewerEngineException(string path, int line, string problem)
    : JournalException(JournalErrorCodes.WrittenByNewerEngine, path, line, problem,
        "Use the engine version that wrote this run (or a newer one) to resume or inspect it.");

/// <summary>
/// A record could not be written or made durable: the disk is full, the file system went read-only, an I/O error.
/// <see cref="JournalException.Line"/> is the line the record would have taken. The writer refuses further appends,
/// so nothing that needs a record (an activity's start) happens after this.
/// </summary>
internal sealed class JournalWriteException(string path, int line, string problem, Exception inner)
    : JournalException(JournalErrorCodes.WriteFailed, path, line, problem,
        "Free space on that disk or make it writable, then try again: opening the run again repairs the journal's end.")
{
    public Exception Cause { get; } = inner;
}
