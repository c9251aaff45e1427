namespace RunbookEngine.Activities.Context;

/// <summary>
/// Puts a question to an operator: an interactive prompt, a recorded <c>runbook approve</c>, or nobody (pause).
/// The engine owns the implementation and journals the decision, so a resumed run gets the same answer.
/// </summary>
public interface IApprovalGate
{
    Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken);
}

/// <summary>What the operator is asked; <paramref name="Message"/> is already redacted.</summary>
/// <param name="FollowingSteps">What runs after the approval, one line per step, for the operator to see what they approve.</param>
public sealed record ApprovalRequest(string StepPath, string Message, IReadOnlyList<string>? FollowingSteps = null);

public enum ApprovalOutcome
{
    Approved,
    Denied,

    /// <summary>Nobody answered now; the run pauses (exit 3) and asks again on resume.</summary>
    Paused,
}

public sealed record ApprovalDecision(ApprovalOutcome Outcome, string? By = null, string? Reason = null)
{
    public static ApprovalDecision Paused { get; } = new(ApprovalOutcome.Paused);
}

/// <summary>The default gate: there is no operator, so nothing is approved or denied on anyone's behalf.</summary>
internal sealed class NoOperatorGate : IApprovalGate
{
    public static NoOperatorGate Instance { get; } = new();

    public Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ApprovalDecision.Paused);
    }
}
