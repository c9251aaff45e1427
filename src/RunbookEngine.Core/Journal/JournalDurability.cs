namespace RunbookEngine.Journal;

/// <summary>When an appended journal line must be on stable storage.</summary>
internal enum JournalDurability
{
    /// <summary>Before <see cref="JournalWriter.Append"/> returns: the engine acts on the record next.</summary>
    Immediate,

    /// <summary>
    /// Written at once, synced together with the next immediate record (or by a timer soon after). For records
    /// whose loss in a power failure is harmless because it errs towards caution: a step's end (its step then
    /// counts as in doubt, never as done without having been) and a skip (the step is evaluated again).
    /// </summary>
    GroupCommit,
}
