namespace RunbookEngine.Journal;

/// <summary>The records of a journal, in order, and what was noticed while reading it.</summary>
/// <param name="ValidLength">Bytes up to the end of the last good record; a torn tail starts here.</param>
/// <param name="FileLength">Bytes read; more than <paramref name="ValidLength"/> when the last record is torn.</param>
internal sealed record JournalReadResult(
    IReadOnlyList<JournalEntry> Entries,
    IReadOnlyList<JournalWarning> Warnings,
    long ValidLength,
    long FileLength)
{
    public long LastSeq => Entries.Count == 0 ? 0 : Entries[^1].Seq;

    public bool HasTornTail => ValidLength < FileLength;
}
