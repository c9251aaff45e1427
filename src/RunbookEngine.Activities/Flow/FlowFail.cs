using System.ComponentModel;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Flow;

/// <summary>Always fails; the default plan runs it, so a plan shows where the run would stop.</summary>
internal sealed class FlowFail : Activity<FlowFail.Input, NoOutputs>
{
    public const string ErrorType = "flow.fail";

    public override string Name => "flow.fail";

    public override string Description => "Fails the step with a message (use with when:).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        throw new ActivityFailure(ErrorType, context.Redactor.Redact(input.Message), retryable: false);
    }

    internal sealed record Input
    {
        [Description("Why the run stops and what the operator should do.")]
        public required string Message { get; init; }
    }
}
