using System.Text.Json;

namespace RunbookEngine.Journal;

// Records about the run as a whole. Each kind's JSON name is its class name; never rename one.

/// <summary>First record of every journal: what runs, pinned by name, version and SHA-256 of the text.</summary>
internal sealed record RunCreated(string Runbook, string Version, string ContentHash) : JournalRecord
{
    public override string Type => nameof(RunCreated);

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("runbook", Runbook);
        writer.WriteString("version", Version);
        writer.WriteString("contentHash", ContentHash);
    }

    internal static RunCreated Read(RecordFields f) => new(f.String("runbook"), f.String("version"), f.String("contentHash"));
}

internal sealed record RunStarted : JournalRecord
{
    public override string Type => nameof(RunStarted);

    internal override void WriteFields(Utf8JsonWriter writer)
    {
    }

    internal static RunStarted Read(RecordFields f) => new();
}

/// <summary>A later process took the run over (after a crash, a pause or a failure).</summary>
internal sealed record RunResumed : JournalRecord
{
    public override string Type => nameof(RunResumed);

    internal override void WriteFields(Utf8JsonWriter writer)
    {
    }

    internal static RunResumed Read(RecordFields f) => new();
}

internal sealed record RunPaused(string Reason) : JournalRecord
{
    public override string Type => nameof(RunPaused);

    internal override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("reason", Reason);

    internal static RunPaused Read(RecordFields f) => new(f.String("reason"));
}

internal sealed record RunSucceeded : JournalRecord
{
    public override string Type => nameof(RunSucceeded);

    internal override void WriteFields(Utf8JsonWriter writer)
    {
    }

    internal static RunSucceeded Read(RecordFields f) => new();
}

/// <param name="Step">The step path that failed the run, or null when the run failed outside any step.</param>
internal sealed record RunFailed(string? Step, string Message) : JournalRecord
{
    public override string Type => nameof(RunFailed);

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        if (Step is null)
        {
            writer.WriteNull("step");
        }
        else
        {
            writer.WriteString("step", Step);
        }

        writer.WriteString("message", Message);
    }

    internal static RunFailed Read(RecordFields f) => new(f.NullableString("step"), f.String("message"));
}

internal sealed record RunCancelled(string By) : JournalRecord
{
    public override string Type => nameof(RunCancelled);

    internal override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("by", By);

    internal static RunCancelled Read(RecordFields f) => new(f.String("by"));
}
