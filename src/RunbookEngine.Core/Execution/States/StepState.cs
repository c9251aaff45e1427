namespace RunbookEngine.Execution.States;

/// <summary>Where one step (or one foreach item of a step) is in its life; see <see cref="StepLifecycle"/>.</summary>
public enum StepState
{
    Pending,
    Running,
    WaitingForApproval,
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
}
