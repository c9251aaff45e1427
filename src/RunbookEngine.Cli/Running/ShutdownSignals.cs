using System.Runtime.InteropServices;

namespace RunbookEngine.Cli.Running;

/// <summary>
/// Ctrl+C, SIGTERM (kill, systemd stop) and SIGHUP (the SSH session or terminal went away) while a run is driven.
/// Left to the runtime, each ends the process at once: the step in flight stays in doubt, which is right, but a
/// program it started keeps running with nobody watching, and a resume (which then sees the run as interrupted)
/// can start a second copy next to it. Here the first signal cancels the run instead: the in-flight activity is
/// cancelled (exec kills its program's process tree), nothing new starts, the journal keeps the step in doubt,
/// and the command exits 130. A second signal gets the runtime's default: the process ends now.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Action<string> _notice;
    private int _received;

    private ShutdownSignals(CancellationToken outer, Action<string> notice)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _notice = notice;
    }

    /// <summary>Cancelled by the first signal, or when <paramref name="outer"/> is.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The signal that cancelled the run, if one did.</summary>
    public string? Received { get; private set; }

    /// <param name="notice">Writes the one line that says what the signal does (standard error, or above a live status line).</param>
    /// <param name="listen">False in tests that host the CLI in their own process: the test runner keeps its signals.</param>
    public static ShutdownSignals Listen(CancellationToken outer, Action<string> notice, bool listen)
    {
        var signals = new ShutdownSignals(outer, notice);
        if (listen && !OperatingSystem.IsWindows())
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                signals._registrations.Add(PosixSignalRegistration.Create(signal, signals.OnSignal));
            }
        }

        return signals;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref _received, 1) != 0)
        {
            return; // The second one: not cancelled, so the runtime ends the process.
        }

        context.Cancel = true;
        Received = Name(context.Signal);
        try
        {
            _notice($"runbook: {Received} received: stopping the step in flight and its programs; send it again to stop at once");
        }
        catch (IOException)
        {
            // SIGHUP: the terminal that would have shown this is gone.
        }

        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended and let go of its signals while this handler was already running: nothing to stop.
        }
    }

    private static string Name(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => "SIGINT",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGHUP => "SIGHUP",
        _ => signal.ToString(),
    };
}
