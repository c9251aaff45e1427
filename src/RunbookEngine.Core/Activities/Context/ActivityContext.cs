namespace RunbookEngine.Activities.Context;

/// <summary>
/// Everything an activity may use from the engine for one call. Activities get time, logging, progress, secrets and
/// operators only from here, so tests can fake each one and the engine can journal and redact in one place.
/// </summary>
public sealed class ActivityContext
{
    public required string RunId { get; init; }

    /// <summary>Where the step sits in the runbook, e.g. <c>preflight/ports-closed</c>.</summary>
    public required string StepPath { get; init; }

    /// <summary>The foreach item this call handles (0-based), or null outside a foreach.</summary>
    public int? ItemIndex { get; init; }

    /// <summary>1 for the first attempt, counting up across retries and reruns.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The clock for timeouts, polling and timestamps; never <c>DateTime.Now</c>, so tests control time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Relative paths in inputs are resolved against this folder, not the process's current directory.</summary>
    public required string WorkingDirectory { get; init; }

    public IActivityLog Log { get; init; } = NullActivityLog.Instance;

    public IProgress<ActivityProgress> Progress { get; init; } = NullActivityProgress.Instance;

    /// <summary>Knows the run's secret texts; every message, plan line and captured output goes through it.</summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.None;

    /// <summary>Asks an operator. The default has nobody to ask, so it pauses rather than deciding on anyone's behalf.</summary>
    public IApprovalGate Approvals { get; init; } = NoOperatorGate.Instance;

    /// <summary>
    /// The installed activities, for activities that run others (flow.wait-until polls one). The engine and the
    /// planner set it; null elsewhere, and callers then fall back to what they know.
    /// </summary>
    public IActivityCatalog? Activities { get; init; }

    /// <summary>Where an activity reports the programs it starts and reaps (see <see cref="IProgramTracker"/>).</summary>
    public IProgramTracker Programs { get; init; } = NullProgramTracker.Instance;

    /// <summary>A path from an input, resolved against <see cref="WorkingDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
