using System.Text.Json;

namespace RunbookEngine.Journal;

/// <summary>A record about one step (and foreach item). <c>step</c> and <c>item</c> always come first on the line.</summary>
internal abstract record StepRecord(string Step, int? Item) : JournalRecord
{
    public StepKey Key => new(Step, Item);

    internal sealed override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("step", Step);
        if (Item is { } item)
        {
            writer.WriteNumber("item", item);
        }
        else
        {
            writer.WriteNull("item");
        }

        WriteDetails(writer);
    }

    /// <summary>The members after <c>step</c> and <c>item</c>.</summary>
    private protected abstract void WriteDetails(Utf8JsonWriter writer);
}
