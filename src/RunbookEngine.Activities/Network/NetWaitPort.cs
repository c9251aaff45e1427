using System.ComponentModel;

namespace RunbookEngine.Activities.Network;

internal sealed class NetWaitPort : Activity<NetWaitPort.Input, NetWaitPort.Output>
{
    public override string Name => "net.wait-port";

    public override string Description => "Waits until host:port accepts connections.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    internal sealed record Input
    {
        [Description("host:port to wait for.")]
        public required string Address { get; init; }

        [Description("Give up after this long (default 30s).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("Seconds until the port answered.")]
        public double WaitedSeconds { get; init; }
    }
}
