using RunbookEngine.Activities.Context;

namespace RunbookEngine.Core.Tests.Execution.Engine;

/// <summary>An approval gate that always answers the same.</summary>
internal sealed class FixedGate(ApprovalOutcome outcome, string by = "op") : IApprovalGate
{
    public List<string> Requests { get; } = [];

    public Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        Requests.Add($"{request.StepPath}: {request.Message}");
        return Task.FromResult(new ApprovalDecision(outcome, by));
    }
}

/// <summary>Keeps the engine's log templates.</summary>
internal sealed class ListLog : IActivityLog
{
    public List<string> Lines { get; } = [];

    public void Info(string messageTemplate, params object?[] properties) => Lines.Add(messageTemplate);

    public void Warning(string messageTemplate, params object?[] properties) => Lines.Add(messageTemplate);
}
