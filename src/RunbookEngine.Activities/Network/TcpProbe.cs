using System.Net;
using System.Net.Sockets;

namespace RunbookEngine.Activities.Network;

internal enum ProbeResult
{
    /// <summary>Something accepted the connection.</summary>
    Open,

    /// <summary>The host answered with a refusal: nothing listens there.</summary>
    Refused,

    /// <summary>No answer before the connect timeout.</summary>
    NoAnswer,

    /// <summary>No route to the host, or the network is down.</summary>
    Unreachable,

    /// <summary>The host name does not resolve.</summary>
    UnknownHost,
}

/// <summary>One TCP connection attempt, closed at once: enough to learn whether anything listens, without speaking its protocol.</summary>
internal static class TcpProbe
{
    public static async Task<ProbeResult> ConnectAsync(Endpoint endpoint, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // The timeout runs on the context's clock, so tests can move time instead of waiting for it.
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(endpoint.Host, endpoint.Port), linked.Token).ConfigureAwait(false);
            return ProbeResult.Open;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.NoAnswer;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => ProbeResult.Refused,
                SocketError.TimedOut => ProbeResult.NoAnswer,
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ProbeResult.UnknownHost,
                _ => ProbeResult.Unreachable,
            };
        }
    }
}

/// <summary>For activity packs: whether anything accepts a TCP connection at host:port (one attempt, on the context's clock).</summary>
public static class PortProbe
{
    /// <exception cref="ActivityInputException"><paramref name="address"/> is not host:port.</exception>
    public static async Task<bool> IsOpenAsync(string address, string input, TimeSpan timeout, Context.ActivityContext context, CancellationToken cancellationToken) =>
        await TcpProbe.ConnectAsync(Endpoint.Parse(address, input, context.Redactor), timeout, context.TimeProvider, cancellationToken).ConfigureAwait(false) == ProbeResult.Open;
}
