using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Network;

internal sealed class NetWaitPort : Activity<NetWaitPort.Input, NetWaitPort.Output>
{
    public const string TimedOut = "net.timeout";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    public override string Name => "net.wait-port";

    public override string Description => "Waits until host:port accepts connections.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var endpoint = Endpoint.Parse(input.Address, "address", context.Redactor);
        var address = context.Redactor.Redact(endpoint.ToString());
        var timeout = input.Timeout ?? DefaultTimeout;
        var time = context.TimeProvider;
        var started = time.GetTimestamp();
        context.Log.Info("Waiting up to {Timeout} for {Address} to accept connections", Durations.Format(timeout), address);
        while (true)
        {
            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                // Retryable: the service may just be slow to start; a retry policy can give it longer.
                throw new ActivityFailure(TimedOut, $"nothing accepted connections on {address} within {Durations.Format(timeout)}", retryable: true);
            }

            var attempt = remaining < AttemptTimeout ? remaining : AttemptTimeout;
            if (await TcpProbe.ConnectAsync(endpoint, attempt, time, cancellationToken).ConfigureAwait(false) == ProbeResult.Open)
            {
                var waited = time.GetElapsedTime(started);
                context.Log.Info("{Address} accepts connections after {Waited}", address, Durations.Format(waited));
                return new Output { WaitedSeconds = waited.TotalSeconds };
            }

            // Never sleep past the deadline: the last check happens at the timeout, not up to a poll interval after it.
            var pause = TimeSpan.FromTicks(Math.Clamp((timeout - time.GetElapsedTime(started)).Ticks, 0, PollInterval.Ticks));
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Read-only, but waiting during planning would time out (the step that starts the service has not run), so
    /// the plan probes once and says how things stand now.
    /// </summary>
    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var endpoint = Endpoint.Parse(input.Address, "address", context.Redactor);
        var address = context.Redactor.Redact(endpoint.ToString());
        var timeout = Durations.Format(input.Timeout ?? DefaultTimeout);
        var now = await TcpProbe.ConnectAsync(endpoint, AttemptTimeout, context.TimeProvider, cancellationToken).ConfigureAwait(false);
        return new ActivityPlan
        {
            Summary = $"wait up to {timeout} until {address} accepts connections ({(now == ProbeResult.Open ? "it does now" : "it does not yet")})",
            Effects = [new PlannedEffect(EffectKind.Wait, address, $"up to {timeout}")],
        };
    }

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
