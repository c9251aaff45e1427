using System.ComponentModel;

namespace RunbookEngine.Activities.Network;

internal sealed class NetAssertPortClosed : Activity<NetAssertPortClosed.Input, NoOutputs>
{
    public override string Name => "net.assert-port-closed";

    public override string Description => "Fails unless nothing accepts connections at host:port (the 'no node is running' precondition).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    internal sealed record Input
    {
        [Description("host:port to probe, e.g. 127.0.0.1:9001.")]
        public required string Address { get; init; }

        [Description("How long one connection attempt may take (default 1s).")]
        public TimeSpan? ConnectTimeout { get; init; }
    }
}
