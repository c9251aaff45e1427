using RunbookEngine.Execution.States;

namespace RunbookEngine.Execution.Engine;

/// <summary>How a run (or one session of it) ended.</summary>
internal sealed record RunOutcome(RunState State, string? Message = null, string? FailedStep = null)
{
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Read-only facts that differ from what the run saw before it was interrupted.</summary>
    public IReadOnlyList<string> ChangedFacts { get; init; } = [];
}
