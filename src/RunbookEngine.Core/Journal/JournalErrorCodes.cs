namespace RunbookEngine.Journal;

/// <summary>
/// Stable codes for journal problems, documented in docs/journal-format.md. They continue the RBxxxx numbering
/// of <see cref="Diagnostics.DiagnosticCodes"/> in the RB09xx range but are not diagnostics: they describe a
/// run's stored state, not a runbook's text.
/// </summary>
internal static class JournalErrorCodes
{
    /// <summary>A line before the last is damaged (checksum, truncation, not JSON): not something a crash causes.</summary>
    public const string DamagedRecord = "RB0901";

    /// <summary>A sequence number is skipped.</summary>
    public const string SequenceGap = "RB0902";

    /// <summary>A sequence number repeats or goes backwards.</summary>
    public const string SequenceRepeated = "RB0903";

    /// <summary>The checksum is right but the record is not: a member missing or of the wrong type, a bad timestamp.</summary>
    public const string InvalidRecord = "RB0904";

    /// <summary>A record type, member or value this engine does not know.</summary>
    public const string WrittenByNewerEngine = "RB0905";

    /// <summary>Warning: the last line is incomplete or damaged, as a crash while appending leaves it; it is ignored.</summary>
    public const string TornLastRecord = "RB0906";

    /// <summary>A record could not be appended or synced (no space left, read-only file system, I/O error).</summary>
    public const string WriteFailed = "RB0907";
}
