namespace RunbookEngine.Journal;

/// <summary>
/// The record kinds this engine can read, by their <c>type</c> name. A new kind is added here and never removed;
/// a name missing from this table means the journal comes from a newer engine, which is an error, not a skip:
/// resuming without understanding a record could re-run a step that already changed data.
/// </summary>
internal static class JournalRecordTypes
{
    private static readonly Dictionary<string, Func<RecordFields, JournalRecord>> Readers = new(StringComparer.Ordinal)
    {
        [nameof(RunCreated)] = RunCreated.Read,
        [nameof(RunStarted)] = RunStarted.Read,
        [nameof(RunResumed)] = RunResumed.Read,
        [nameof(RunPaused)] = RunPaused.Read,
        [nameof(RunSucceeded)] = RunSucceeded.Read,
        [nameof(RunFailed)] = RunFailed.Read,
        [nameof(RunCancelled)] = RunCancelled.Read,
        [nameof(StepStarted)] = StepStarted.Read,
        [nameof(StepSucceeded)] = StepSucceeded.Read,
        [nameof(StepFailed)] = StepFailed.Read,
        [nameof(StepSkipped)] = StepSkipped.Read,
        [nameof(RetryScheduled)] = RetryScheduled.Read,
        [nameof(ApprovalRequested)] = ApprovalRequested.Read,
        [nameof(ApprovalGranted)] = ApprovalGranted.Read,
        [nameof(InDoubtResolved)] = InDoubtResolved.Read,
        [nameof(FactRecorded)] = FactRecorded.Read,
    };

    public static IReadOnlyCollection<string> Names => Readers.Keys;

    public static JournalRecord Read(string type, RecordFields fields)
    {
        if (!Readers.TryGetValue(type, out var read))
        {
            throw new RecordFormatException(
                JournalErrorCodes.WrittenByNewerEngine,
                $"record type '{type}' is unknown to this engine: the journal was written by a newer engine; resume it with that version");
        }

        var record = read(fields);
        fields.EnsureNoUnknownMembers();
        return record;
    }
}
