namespace RunbookEngine.Execution.States;

/// <summary>What can happen to a run; each maps to one journal record.</summary>
public enum RunTrigger
{
    /// <summary>The first step is about to be considered.</summary>
    Start,

    /// <summary>The engine stops without an outcome: a step waits for approval, or the operator stopped it (exit 3).</summary>
    Pause,

    /// <summary>
    /// <c>runbook resume</c>: continues a paused run, a failed run the operator wants to retry, or a run whose
    /// engine died (the journal still says Running; the new engine takes over).
    /// </summary>
    Resume,

    /// <summary>The operator approved the step the run was waiting for.</summary>
    Approve,

    /// <summary>Every step settled and none failed.</summary>
    Succeed,

    /// <summary>A step failed for good (after its compensations ran).</summary>
    Fail,

    /// <summary>The operator abandoned the run; it can never be resumed.</summary>
    Cancel,
}
