using System.Text.Json;

namespace RunbookEngine.Journal;

// A step's lifecycle. StepStarted is appended (and synced) before the activity runs, the outcome after it.

/// <param name="Attempt">1 for the first try, 2 for the first retry, and so on.</param>
internal sealed record StepStarted(string Step, int? Item, int Attempt) : StepRecord(Step, Item)
{
    public override string Type => nameof(StepStarted);

    private protected override void WriteDetails(Utf8JsonWriter writer) => writer.WriteNumber("attempt", Attempt);

    internal static StepStarted Read(RecordFields f) => new(f.String("step"), f.NullableInt("item"), f.Int("attempt"));
}

/// <param name="Outputs">The step's outputs as JSON; later steps read them on resume instead of re-running the step.</param>
internal sealed record StepSucceeded(string Step, int? Item, JsonElement Outputs) : StepRecord(Step, Item)
{
    public override string Type => nameof(StepSucceeded);

    private protected override void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("outputs");
        Outputs.WriteTo(writer);
    }

    internal static StepSucceeded Read(RecordFields f) => new(f.String("step"), f.NullableInt("item"), f.Json("outputs"));
}

/// <param name="ErrorType">A stable, machine-readable failure kind from the activity, e.g. <c>ConnectionRefused</c>.</param>
internal sealed record StepFailed(string Step, int? Item, string ErrorType, string Message, bool Retryable) : StepRecord(Step, Item)
{
    public override string Type => nameof(StepFailed);

    private protected override void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WriteString("errorType", ErrorType);
        writer.WriteString("message", Message);
        writer.WriteBoolean("retryable", Retryable);
    }

    internal static StepFailed Read(RecordFields f) =>
        new(f.String("step"), f.NullableInt("item"), f.String("errorType"), f.String("message"), f.Bool("retryable"));
}

internal sealed record StepSkipped(string Step, int? Item, string Reason) : StepRecord(Step, Item)
{
    public override string Type => nameof(StepSkipped);

    private protected override void WriteDetails(Utf8JsonWriter writer) => writer.WriteString("reason", Reason);

    internal static StepSkipped Read(RecordFields f) => new(f.String("step"), f.NullableInt("item"), f.String("reason"));
}

/// <summary>After a failure: the step will be tried again as <paramref name="Attempt"/> once the delay is over.</summary>
/// <param name="Delay">Stored in whole milliseconds (<c>delayMs</c>).</param>
internal sealed record RetryScheduled(string Step, int? Item, int Attempt, TimeSpan Delay) : StepRecord(Step, Item)
{
    public override string Type => nameof(RetryScheduled);

    private protected override void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WriteNumber("attempt", Attempt);
        writer.WriteNumber("delayMs", (long)Delay.TotalMilliseconds);
    }

    internal static RetryScheduled Read(RecordFields f) =>
        new(f.String("step"), f.NullableInt("item"), f.Int("attempt"), TimeSpan.FromMilliseconds(f.Long("delayMs")));
}
