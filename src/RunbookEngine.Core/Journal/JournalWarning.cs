namespace RunbookEngine.Journal;

/// <summary>Something about a journal worth telling the operator that does not stop the run, e.g. a torn last record.</summary>
internal sealed record JournalWarning(string Code, string FilePath, int Line, string Message)
{
    public override string ToString() => $"{FilePath}:{Line}: {Code} {Message}";
}
