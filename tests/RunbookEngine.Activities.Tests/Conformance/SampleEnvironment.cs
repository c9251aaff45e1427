using System.Net.Sockets;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Conformance;

/// <summary>
/// What sample inputs point at: a temporary tree with data in it, a loopback port with a listener and one without.
/// Fresh for every test, so one activity's effects can never leak into another's check.
/// </summary>
public sealed class SampleEnvironment : IDisposable
{
    private readonly TcpListener _listener = Loopback.Listen();

    internal SampleEnvironment()
    {
        Tree.Write("data/node1/raft.log", "entries");
        Tree.Write("data/node1/.meta", "m");
        Tree.Write($"{SecretFolder}/file.bin", new byte[64]);
        OpenAddress = Loopback.Address(Loopback.PortOf(_listener));
        ClosedAddress = Loopback.Address(Loopback.ClosedPort());
    }

    /// <summary>A secret that inputs carry; it must never show in a plan, a log line, a question or an error.</summary>
    public static string Secret { get; } = "Sup3r-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A folder whose name contains the secret, for activities whose inputs are paths.</summary>
    public static string SecretFolder { get; } = "vault-" + Secret;

    internal TempTree Tree { get; } = new();

    public string OpenAddress { get; }

    public string ClosedAddress { get; }

    public string Path(params string[] parts) => Tree.Combine(parts);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        Tree.Dispose();
    }
}
