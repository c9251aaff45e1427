using System.ComponentModel;

namespace RunbookEngine.Activities.Flow;

internal sealed class FlowApprove : Activity<FlowApprove.Input, FlowApprove.Output>
{
    public override string Name => "flow.approve";

    public override string Description => "Pauses until an operator approves; shows the message and the plan of what follows.";

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
