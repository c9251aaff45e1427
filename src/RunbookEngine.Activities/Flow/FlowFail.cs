using System.ComponentModel;

namespace RunbookEngine.Activities.Flow;

internal sealed class FlowFail : Activity<FlowFail.Input, NoOutputs>
{
    public override string Name => "flow.fail";

    public override string Description => "Fails the step with a message (use with when:).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    internal sealed record Input
    {
        [Description("Why the run stops and what the operator should do.")]
        public required string Message { get; init; }
    }
}
