using RunbookEngine.Activities.Context;

namespace RunbookEngine.Execution.Engine;

/// <summary>An operator's recorded answer for this step (e.g. from 'runbook approve') wins over asking again.</summary>
internal sealed class StepApprovalGate(IApprovalGate inner, RunMemory memory, string path) : IApprovalGate
{
    public Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
        memory.ApprovedBy(path) is { } by
            ? Task.FromResult(new ApprovalDecision(ApprovalOutcome.Approved, by))
            : inner.RequestAsync(request, cancellationToken);
}
