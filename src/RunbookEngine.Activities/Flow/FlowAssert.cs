using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Flow;

internal sealed class FlowAssert : Activity<FlowAssert.Input, NoOutputs>
{
    public const string ErrorType = "flow.assert";

    public override string Name => "flow.assert";

    public override string Description => "Fails the step with a message unless a condition holds.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Not retryable: the condition was evaluated before the call, so another attempt sees the same value.
        return input.That
            ? Task.FromResult(new NoOutputs())
            : throw new ActivityFailure(ErrorType, context.Redactor.Redact(input.Message), retryable: false);
    }

    /// <summary>Runs for real (a failed assertion in the plan is the earliest warning there is), with a readable summary.</summary>
    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        RanDuringPlanning(await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false), "assertion holds");

    internal sealed record Input
    {
        [Description("The condition, usually an expression such as ${{ length(params.nodes) >= 3 }}.")]
        public required bool That { get; init; }

        [Description("Shown when the condition is false: say what is wrong and what to do.")]
        public required string Message { get; init; }
    }
}
