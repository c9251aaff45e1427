namespace RunbookEngine.Runs;

/// <summary>Stable codes for run store problems, next to the journal's (RB090x) and documented in docs/journal-format.md.</summary>
internal static class RunErrorCodes
{
    public const string RunNotFound = "RB0911";

    public const string RunLocked = "RB0912";

    /// <summary>A run folder with a missing or unreadable file, or files that disagree with each other.</summary>
    public const string RunFolderInvalid = "RB0913";

    /// <summary>A run folder written in a newer layout than this engine knows.</summary>
    public const string RunFromNewerEngine = "RB0914";

    /// <summary>The state directory refuses writes (not a folder, not writable, disk full): a run cannot be created or opened to drive it.</summary>
    public const string StateDirectoryUnusable = "RB0915";

    /// <summary>A program that a killed engine started for a step still runs; resuming could run the step twice at once.</summary>
    public const string ProgramsLeftRunning = "RB0916";

    /// <summary>Another run of the same runbook is not finished (running, interrupted, paused); --concurrent overrides.</summary>
    public const string UnfinishedRunOfSameRunbook = "RB0917";
}
