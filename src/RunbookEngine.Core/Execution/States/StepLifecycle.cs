namespace RunbookEngine.Execution.States;

/// <summary>
/// The one transition table of a step. Choices worth knowing:
/// <list type="bullet">
/// <item>Retries keep the step Running (<see cref="StepTrigger.Retry"/> is a self-loop): Failed means failed for good,
/// so the run's outcome can be read from step states alone, and attempts are journal records, not states.</item>
/// <item>A step in doubt after a crash is simply Running in the journal; resume decides between
/// <see cref="StepTrigger.Rerun"/> (idempotent, or <c>--rerun</c>) and <see cref="StepTrigger.MarkDone"/>
/// (<c>--mark-done</c>). An engine stopped by the operator also leaves its step Running, on purpose: an
/// interrupted activity may have done part of its work, which is exactly what in doubt means.</item>
/// <item>Failed is not terminal: resuming a failed run reruns its failed step.</item>
/// </list>
/// </summary>
public static class StepLifecycle
{
    public static StateMachine<StepState, StepTrigger> Machine { get; } = new("step", StepState.Pending,
    [
        new(StepState.Pending, StepTrigger.Start, StepState.Running),
        new(StepState.Pending, StepTrigger.Skip, StepState.Skipped),
        new(StepState.Pending, StepTrigger.AwaitApproval, StepState.WaitingForApproval),
        new(StepState.Pending, StepTrigger.Cancel, StepState.Cancelled),

        new(StepState.Running, StepTrigger.Succeed, StepState.Succeeded),
        new(StepState.Running, StepTrigger.Fail, StepState.Failed),
        new(StepState.Running, StepTrigger.Retry, StepState.Running),
        new(StepState.Running, StepTrigger.AwaitApproval, StepState.WaitingForApproval),
        new(StepState.Running, StepTrigger.Cancel, StepState.Cancelled),
        new(StepState.Running, StepTrigger.Rerun, StepState.Running),
        new(StepState.Running, StepTrigger.MarkDone, StepState.Succeeded),

        new(StepState.WaitingForApproval, StepTrigger.Approve, StepState.Running),
        new(StepState.WaitingForApproval, StepTrigger.Deny, StepState.Failed),
        new(StepState.WaitingForApproval, StepTrigger.Cancel, StepState.Cancelled),

        new(StepState.Failed, StepTrigger.Rerun, StepState.Running),
    ]);
}
