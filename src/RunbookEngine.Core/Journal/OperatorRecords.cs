using System.Text.Json;

namespace RunbookEngine.Journal;

// Records of what the operator was asked and decided, and of facts to re-check on resume.

/// <param name="PlanHash">Hash of the plan the operator is asked to approve; a grant is only valid for that plan.</param>
internal sealed record ApprovalRequested(string Step, int? Item, string Message, string PlanHash) : StepRecord(Step, Item)
{
    public override string Type => nameof(ApprovalRequested);

    private protected override void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WriteString("message", Message);
        writer.WriteString("planHash", PlanHash);
    }

    internal static ApprovalRequested Read(RecordFields f) =>
        new(f.String("step"), f.NullableInt("item"), f.String("message"), f.String("planHash"));
}

internal sealed record ApprovalGranted(string Step, int? Item, string By, string PlanHash) : StepRecord(Step, Item)
{
    public override string Type => nameof(ApprovalGranted);

    private protected override void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WriteString("by", By);
        writer.WriteString("planHash", PlanHash);
    }

    internal static ApprovalGranted Read(RecordFields f) =>
        new(f.String("step"), f.NullableInt("item"), f.String("by"), f.String("planHash"));
}

/// <summary>The operator's answer (<c>--rerun</c> / <c>--mark-done</c>) for a step that was in flight when the engine died.</summary>
internal sealed record InDoubtResolved(string Step, int? Item, InDoubtDecision Decision, string By) : StepRecord(Step, Item)
{
    private const string Rerun = "rerun";
    private const string MarkDone = "mark-done";

    public override string Type => nameof(InDoubtResolved);

    private protected override void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WriteString("decision", Decision switch
        {
            InDoubtDecision.Rerun => Rerun,
            InDoubtDecision.MarkDone => MarkDone,
            _ => throw new ArgumentOutOfRangeException(nameof(Decision), Decision, "unknown decision"),
        });
        writer.WriteString("by", By);
    }

    internal static InDoubtResolved Read(RecordFields f)
    {
        var step = f.String("step");
        var item = f.NullableInt("item");
        var decision = f.String("decision") switch
        {
            Rerun => InDoubtDecision.Rerun,
            MarkDone => InDoubtDecision.MarkDone,
            var other => throw new RecordFormatException(
                JournalErrorCodes.WrittenByNewerEngine,
                $"record {nameof(InDoubtResolved)} has a decision '{other}' this engine does not know: the journal was written by a newer engine"),
        };
        return new(step, item, decision, f.String("by"));
    }
}

/// <summary>
/// Read-only facts a step observed (e.g. which node had the newest log). Resume re-checks them before
/// continuing, because the world may have changed while the run was stopped.
/// </summary>
internal sealed record FactRecorded(string Step, int? Item, JsonElement Facts) : StepRecord(Step, Item)
{
    public override string Type => nameof(FactRecorded);

    private protected override void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("facts");
        Facts.WriteTo(writer);
    }

    internal static FactRecorded Read(RecordFields f) => new(f.String("step"), f.NullableInt("item"), f.Json("facts"));
}
