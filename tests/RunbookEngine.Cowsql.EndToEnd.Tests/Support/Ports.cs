using System.Net;
using System.Net.Sockets;

namespace RunbookEngine.Cowsql.EndToEnd.Tests.Support;

/// <summary>Free loopback ports, found by letting the kernel pick one and releasing it.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsOpen(string address)
    {
        var colon = address.LastIndexOf(':');
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Wait(TimeSpan.FromMilliseconds(500));
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
