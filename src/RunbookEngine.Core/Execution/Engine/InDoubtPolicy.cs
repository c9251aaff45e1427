namespace RunbookEngine.Execution.Engine;

/// <summary>What to do with a step that started but never finished (the engine died while it ran).</summary>
internal enum InDoubtPolicy
{
    /// <summary>Stop and ask (exit 3), unless the activity is idempotent.</summary>
    Ask,

    /// <summary>Run it again: the operator checked that this is safe.</summary>
    Rerun,

    /// <summary>Count it as done: the operator checked that it completed.</summary>
    MarkDone,
}
