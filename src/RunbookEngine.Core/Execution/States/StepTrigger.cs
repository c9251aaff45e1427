namespace RunbookEngine.Execution.States;

/// <summary>What can happen to a step; each maps to one journal record.</summary>
public enum StepTrigger
{
    /// <summary>The engine is about to call the activity (journalled, fsynced, before the call).</summary>
    Start,

    /// <summary>The activity returned its outputs.</summary>
    Succeed,

    /// <summary>The activity failed for good: not retryable, or the retry policy's attempts are used up.</summary>
    Fail,

    /// <summary>An attempt failed with a retryable error and attempts remain; the step stays Running through the backoff.</summary>
    Retry,

    /// <summary>Its <c>when:</c> was false.</summary>
    Skip,

    /// <summary>It needs an operator's decision: its <c>approval:</c> before it starts, or an activity (flow.approve) asked and nobody answered.</summary>
    AwaitApproval,

    /// <summary>The operator approved; the step starts (or its activity is called again and now gets the answer).</summary>
    Approve,

    /// <summary>The operator refused; the step fails and the run with it.</summary>
    Deny,

    /// <summary>The run was cancelled while this step had not settled.</summary>
    Cancel,

    /// <summary>
    /// Run it again after a resume: a step in doubt (journal has a start but no end) whose activity is idempotent
    /// or which the operator allowed (<c>--rerun</c>), or a failed step of a failed run the operator resumes.
    /// </summary>
    Rerun,

    /// <summary>The operator says a step in doubt did complete (<c>--mark-done</c>); it is not run again.</summary>
    MarkDone,
}
