using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Network;

internal sealed class NetAssertPortClosed : Activity<NetAssertPortClosed.Input, NoOutputs>
{
    public const string PortOpen = "net.port-open";
    public const string UnknownHost = "net.unknown-host";
    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(1);

    public override string Name => "net.assert-port-closed";

    public override string Description => "Fails unless nothing accepts connections at host:port (the 'no node is running' precondition).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var endpoint = Endpoint.Parse(input.Address, "address", context.Redactor);
        var address = context.Redactor.Redact(endpoint.ToString());
        var timeout = input.ConnectTimeout ?? DefaultConnectTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            // A zero timeout never gets an answer, and no answer counts as closed: the check would always pass.
            throw new ActivityInputException("connectTimeout", "a duration longer than 0s", "input 'connectTimeout' must be longer than 0s");
        }

        switch (await TcpProbe.ConnectAsync(endpoint, timeout, context.TimeProvider, cancellationToken).ConfigureAwait(false))
        {
            case ProbeResult.Open:
                // Retryable: a node that is shutting down may be gone on the next attempt.
                throw new ActivityFailure(PortOpen, $"something is listening on {address}; stop the node first", retryable: true);
            case ProbeResult.UnknownHost:
                throw new ActivityFailure(UnknownHost, $"cannot resolve the host of {address}, so cannot tell whether a node runs there", retryable: true);
            case ProbeResult.Refused:
                context.Log.Info("Nothing is listening on {Address}", address);
                break;
            default:
                // In a disaster the host itself is often dead; refusing to go on would block the very recovery this is for.
                context.Log.Warning("{Address} did not answer within {Timeout}; treating the port as closed", address, Durations.Format(timeout));
                break;
        }

        return new NoOutputs();
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        var address = context.Redactor.Redact(input.Address);
        return RanDuringPlanning(output, $"nothing is listening on {address}", [new PlannedEffect(EffectKind.Network, address, "one TCP connection attempt")]);
    }

    internal sealed record Input
    {
        [Description("host:port to probe, e.g. 127.0.0.1:9001.")]
        public required string Address { get; init; }

        [Description("How long one connection attempt may take (default 1s).")]
        public TimeSpan? ConnectTimeout { get; init; }
    }
}
