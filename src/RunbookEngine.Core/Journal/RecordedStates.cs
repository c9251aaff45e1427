namespace RunbookEngine.Journal;

/// <summary>A run's state as its journal tells it (not the engine's live state machine).</summary>
internal enum RecordedRunState
{
    Created,
    Running,
    Paused,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>Where one step (and foreach item) stands according to the journal.</summary>
internal enum RecordedStepState
{
    /// <summary>Started and never finished: the engine died while it ran. Resume re-runs it only if the
    /// activity is idempotent, otherwise it asks the operator (<see cref="InDoubtResolved"/>).</summary>
    InDoubt,

    Succeeded,

    /// <summary>Failed and no retry was scheduled.</summary>
    Failed,

    Skipped,

    /// <summary>Failed, and another attempt was scheduled but has not started.</summary>
    RetryPending,

    /// <summary>Asked for an approval that has not been granted.</summary>
    WaitingForApproval,

    /// <summary>In doubt, and the operator chose to run it again; the new attempt has not started.</summary>
    RerunRequested,
}
