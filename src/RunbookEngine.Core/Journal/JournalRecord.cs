using System.Text.Json;

namespace RunbookEngine.Journal;

/// <summary>
/// One thing that happened to a run. Each kind is a small record with its own JSON <see cref="Type"/> name and
/// fields; <see cref="JournalRecordTypes"/> maps names back to kinds. The envelope (sequence number, time) is
/// added by the writer, see <see cref="JournalEntry"/>.
/// </summary>
internal abstract record JournalRecord
{
    /// <summary>The <c>type</c> member of the line. Never rename one: old journals must stay readable.</summary>
    public abstract string Type { get; }

    /// <summary>Writes the type-specific members, always in the same order, so equal records give equal bytes.</summary>
    internal abstract void WriteFields(Utf8JsonWriter writer);
}

/// <summary>A record as stored: its 1-based position in the journal and when it was appended (UTC).</summary>
internal sealed record JournalEntry(long Seq, DateTimeOffset At, JournalRecord Record);

/// <summary>What an operator decided about a step that was running when the engine died.</summary>
internal enum InDoubtDecision
{
    /// <summary>Run the step again.</summary>
    Rerun,

    /// <summary>The operator checked that the step's effect happened; treat it as succeeded without outputs.</summary>
    MarkDone,
}
