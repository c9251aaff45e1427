namespace RunbookEngine.Execution.States;

/// <summary>Where a run is in its life; see <see cref="RunLifecycle"/>.</summary>
public enum RunState
{
    Created,
    Running,
    Paused,
    Succeeded,
    Failed,
    Cancelled,
}
