using RunbookEngine.Model;

namespace RunbookEngine.Loading;

/// <summary>Finds the runbook a <c>runbook:</c> step calls (the catalog implements it).</summary>
internal interface IRunbookResolver
{
    /// <summary>The called runbook, loaded without following its own calls, or why it cannot be had.</summary>
    RunbookResolution Resolve(RunbookReference reference);
}

/// <param name="Error">Why there is no runbook; shown as the diagnostic's message.</param>
/// <param name="Invalid">True when the runbook exists but has errors of its own.</param>
internal sealed record RunbookResolution(Runbook? Runbook, string? Error = null, string? Hint = null, bool Invalid = false);
