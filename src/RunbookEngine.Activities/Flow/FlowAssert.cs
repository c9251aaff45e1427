using System.ComponentModel;

namespace RunbookEngine.Activities.Flow;

internal sealed class FlowAssert : Activity<FlowAssert.Input, NoOutputs>
{
    public override string Name => "flow.assert";

    public override string Description => "Fails the step with a message unless a condition holds.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    internal sealed record Input
    {
        [Description("The condition, usually an expression such as ${{ length(params.nodes) >= 3 }}.")]
        public required bool That { get; init; }

        [Description("Shown when the condition is false: say what is wrong and what to do.")]
        public required string Message { get; init; }
    }
}
