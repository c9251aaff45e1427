using System.Net;
using System.Net.Sockets;

namespace RunbookEngine.Activities.Tests.Support;

/// <summary>Ports on 127.0.0.1 only: one with a listener, one known to be closed. Nothing leaves the machine.</summary>
internal static class Loopback
{
    /// <summary>A started listener on a port the OS picked; connections are queued by the OS without AcceptAsync.</summary>
    public static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    public static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>A port that was free a moment ago: taken from the OS, then released.</summary>
    public static int ClosedPort()
    {
        var listener = Listen();
        var port = PortOf(listener);
        listener.Stop();
        return port;
    }

    public static string Address(int port) => $"127.0.0.1:{port}";
}
