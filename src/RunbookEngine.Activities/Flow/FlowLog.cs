using System.ComponentModel;

namespace RunbookEngine.Activities.Flow;

internal sealed class FlowLog : Activity<FlowLog.Input, NoOutputs>
{
    public override string Name => "flow.log";

    public override string Description => "Writes a message to the run's log and the operator's terminal.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    internal sealed record Input
    {
        [Description("The message; expressions are evaluated first.")]
        public required string Message { get; init; }

        [Description("info (default) or warning.")]
        public LogLevel Level { get; init; } = LogLevel.Info;
    }

    internal enum LogLevel
    {
        Info,
        Warning,
    }
}
