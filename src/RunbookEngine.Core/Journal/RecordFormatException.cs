namespace RunbookEngine.Journal;

/// <summary>
/// A line whose checksum is right but whose content this engine cannot accept. The reader turns it into a
/// <see cref="JournalException"/> with the file and line; on its own it knows neither.
/// </summary>
internal sealed class RecordFormatException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
