namespace RunbookEngine.Activities.Context;

/// <summary>
/// Told about every program an activity starts and reaps (not daemons, which are meant to outlive the run). The
/// engine's host writes them next to its lock, so that after the engine is killed a resume can tell that a step's
/// program is still running and refuse to start the step a second time beside it.
/// </summary>
public interface IProgramTracker
{
    void Started(int processId);

    void Ended(int processId);
}

/// <summary>Tracks nothing: plans, tests, and hosts that keep no run folder.</summary>
public sealed class NullProgramTracker : IProgramTracker
{
    public static NullProgramTracker Instance { get; } = new();

    public void Started(int processId)
    {
    }

    public void Ended(int processId)
    {
    }
}
