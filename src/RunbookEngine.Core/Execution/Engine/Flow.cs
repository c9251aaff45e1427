using RunbookEngine.Model;

namespace RunbookEngine.Execution.Engine;

/// <summary>How a step or a list of steps ended, as far as the steps after it are concerned.</summary>
internal abstract record Flow
{
    public static Flow Continue { get; } = new ContinueFlow();

    public sealed record ContinueFlow : Flow;

    /// <summary>A step failed and its onFailure does not let the run go on.</summary>
    public sealed record FailedFlow(Step Step, string Path, string Message) : Flow;

    /// <summary>An operator is needed; the run stops here with exit 3 and resumes from here.</summary>
    public sealed record PausedFlow(string Reason) : Flow;
}

/// <summary>The result of one step or foreach item.</summary>
internal sealed record StepOutcome(string Status, object? Outputs, Flow Flow)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
