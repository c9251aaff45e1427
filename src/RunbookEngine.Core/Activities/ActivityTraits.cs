namespace RunbookEngine.Activities;

/// <summary>What an activity promises about its effects; plans and resume decisions rely on these.</summary>
[Flags]
public enum ActivityTraits
{
    None = 0,

    /// <summary>Changes nothing; runs for real during planning so later steps plan with real values.</summary>
    ReadOnly = 1,

    /// <summary>Safe to run again after a crash left it in doubt.</summary>
    Idempotent = 2,

    /// <summary>Can lose data; needs preconditions and a backup before it.</summary>
    Destructive = 4,
}
