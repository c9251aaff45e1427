using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;

namespace RunbookEngine.Model;

/// <summary>What every kind of step has: identity, conditions, iteration and failure handling.</summary>
internal abstract record Step
{
    public required string Id { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Condition; null means always.</summary>
    public Template? When { get; init; }

    /// <summary>The items to iterate over; null means the step runs once.</summary>
    public ValueTemplate? Foreach { get; init; }

    /// <summary>Maximum items in flight with foreach; 1 is sequential, null unbounded.</summary>
    public int? Parallel { get; init; } = 1;

    public RetryPolicy? Retry { get; init; }

    public TimeSpan? Timeout { get; init; }

    public FailurePolicy OnFailure { get; init; } = FailurePolicy.Fail;

    public IReadOnlyList<StepOutput> Outputs { get; init; } = [];

    public ApprovalGate? Approval { get; init; }

    public required SourceSpan Span { get; init; }

    /// <summary>The <c>uses:</c> value or "group", as shown in trees and graphs.</summary>
    public abstract string Kind { get; }
}

internal sealed record ActivityStep : Step
{
    public required string Activity { get; init; }

    public required IReadOnlyList<KeyValuePair<string, ValueTemplate>> With { get; init; }

    public override string Kind => Activity;
}

internal sealed record CallStep : Step
{
    public required RunbookReference Target { get; init; }

    public required IReadOnlyList<KeyValuePair<string, ValueTemplate>> With { get; init; }

    public override string Kind => "runbook:" + Target;
}

internal sealed record GroupStep : Step
{
    public required IReadOnlyList<Step> Steps { get; init; }

    public override string Kind => "group";
}

internal sealed record StepOutput(string Name, Template Value, SourceSpan Span);

internal sealed record ApprovalGate(Template Message);

internal sealed record RetryPolicy(int Attempts, TimeSpan Backoff, double Factor, TimeSpan? MaxDelay)
{
    /// <summary>Delay before attempt <paramref name="attempt"/> (2 is the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var delay = Backoff * Math.Pow(Factor, Math.Max(0, attempt - 2));
        return MaxDelay is { } max && delay > max ? max : delay;
    }
}

internal enum FailureAction
{
    Fail,
    Continue,
    Compensate,
}

internal sealed record FailurePolicy(FailureAction Action, IReadOnlyList<string> Compensations)
{
    public static FailurePolicy Fail { get; } = new(FailureAction.Fail, []);

    public static FailurePolicy Continue { get; } = new(FailureAction.Continue, []);
}
