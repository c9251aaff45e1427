using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Flow;

internal sealed class FlowApprove : Activity<FlowApprove.Input, FlowApprove.Output>
{
    public const string DeniedErrorType = "flow.approve.denied";

    public override string Name => "flow.approve";

    public override string Description => "Pauses until an operator approves; shows the message and the plan of what follows.";

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var message = context.Redactor.Redact(input.Message);
        var decision = await context.Approvals.RequestAsync(new ApprovalRequest(context.StepPath, message), cancellationToken).ConfigureAwait(false);
        switch (decision.Outcome)
        {
            case ApprovalOutcome.Approved:
                var by = context.Redactor.Redact(decision.By ?? "an operator");
                context.Log.Info("Approved by {ApprovedBy}: {Message}", by, message);
                return new Output { ApprovedBy = by };
            case ApprovalOutcome.Denied:
                // Not retryable: asking again until someone says yes is not what a refusal means.
                var reason = decision.Reason is { Length: > 0 } r ? $": {r}" : string.Empty;
                throw new ActivityFailure(DeniedErrorType, context.Redactor.Redact($"{decision.By ?? "the operator"} refused{reason}"), retryable: false);
            default:
                throw new ActivityPausedException($"waiting for an operator to approve: {message}");
        }
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var message = context.Redactor.Redact(input.Message);
        return Task.FromResult(new ActivityPlan
        {
            Summary = $"ask an operator to approve: {message}",
            Effects = [new PlannedEffect(EffectKind.Approve, "operator", message)],
        });
    }

    internal sealed record Input
    {
        [Description("What the operator approves, with the facts they need (e.g. which node keeps its data).")]
        public required string Message { get; init; }
    }

    internal sealed record Output
    {
        [Description("Who approved.")]
        public string ApprovedBy { get; init; } = string.Empty;
    }
}
