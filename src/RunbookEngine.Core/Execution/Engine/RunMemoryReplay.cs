using System.Text.Json;
using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Journal;

namespace RunbookEngine.Execution.Engine;

/// <summary>What a resumed run starts from: the journal's history folded into <see cref="RunMemory"/>.</summary>
internal static class RunMemoryReplay
{
    public static RunMemory From(RunHistory history)
    {
        var memory = RunMemory.Empty();
        foreach (var step in history.Steps)
        {
            if (step.Approval is { } granted)
            {
                memory.Approve(step.Key.Step, granted.By);
            }

            if (step.State == RecordedStepState.InDoubt && step.Attempts == 0)
            {
                // Only approvals were recorded for it: it never started, so it is simply still to do.
                continue;
            }

            var status = step.State switch
            {
                RecordedStepState.Succeeded => RememberedStatus.Succeeded,
                RecordedStepState.Skipped => RememberedStatus.Skipped,
                RecordedStepState.InDoubt => RememberedStatus.InDoubt,
                RecordedStepState.WaitingForApproval => RememberedStatus.AwaitingApproval,
                // A retry that was waiting, a failure, or an operator's rerun request: run it (again).
                _ => RememberedStatus.Failed,
            };
            object? outputs = step.Outputs is { } json ? Values(json) : status == RememberedStatus.Succeeded ? new Dictionary<string, object?>() : null;
            memory.Set(step.Key.Step, step.Key.Item, new RememberedStep(status, outputs, step.Attempts));        }

        return memory;
    }

    private static object? Values(JsonElement json) => JsonValues.Parse(json.GetRawText());
}
