using System.Diagnostics;
using System.Runtime.InteropServices;
using static RunbookEngine.Activities.Process.Native.PosixSpawn;
using static RunbookEngine.Journal.LibC;

namespace RunbookEngine.Activities.Process.Native;

/// <summary>
/// A child started by <see cref="PosixSpawn"/>: one poll(2) loop reads its stdout and stderr and sees its exit through
/// the pidfd, so nothing else (no SIGCHLD thread, no pool callbacks) is involved. The loop runs on the caller's
/// thread for a short while, which is all a quick command needs; a longer one moves to a thread of its own, so a
/// command that runs for an hour does not hold a thread-pool thread. Timeout and cancellation kill the whole process
/// tree, as <see cref="ProcessRunner"/> does for Process. Disposing kills and reaps a child that is still running.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class SpawnedChild : IDisposable
{
    private const short POLLIN = 0x1;
    private const short POLLOUT = 0x4;
    private const int WNOHANG = 1;
    private const int EINTR = 4;
    private const int EAGAIN = 11;

    /// <summary>
    /// How long the loop may run on the caller's thread before it moves to its own. Short: a parallel foreach starts
    /// its items one after the other on one thread, so each item's program would start this much after the last
    /// one's; a thread of its own costs about 0.1 ms, nothing next to a program that runs this long.
    /// </summary>
    private static readonly TimeSpan Inline = TimeSpan.FromMilliseconds(5);

    private readonly int _pidfd;
    private readonly int[] _wake;
    private readonly byte[] _buffer = new byte[16384];
    private readonly byte[]? _input;
    private int _stdout;
    private int _stderr;
    private int _stdin;
    private int _fed;
    private bool _reaped;
    private int _exitCode;

    /// <param name="stdout">The stdout pipe's read end, or -1 when stdout went to a file.</param>
    /// <param name="stdin">The stdin pipe's write end (non-blocking) to feed <paramref name="input"/> into, or -1.</param>
    internal SpawnedChild(int pid, int pidfd, int stdout, int stderr, int stdin = -1, byte[]? input = null)
    {
        Pid = pid;
        _pidfd = pidfd;
        _stdout = stdout;
        _stderr = stderr;
        _stdin = input is null ? -1 : stdin;
        _input = input;
        _wake = new int[2];
        _wake[0] = -1;
        _wake[1] = -1;
    }

    public int Pid { get; }

    /// <summary>
    /// Waits for the child to exit, feeding its output to the two sinks, then for its pipes to close (at most
    /// <paramref name="drainGrace"/> more: a background grandchild may keep them open). When
    /// <paramref name="timeout"/> or <paramref name="cancellationToken"/> fires, kills the tree, waits for the exit
    /// at most <paramref name="afterKill"/>, and reports which of the two happened. The grace periods are wall-clock
    /// bounds on waiting; the timeout token runs on whatever clock made it (the step's).
    /// </summary>
    public async Task<ChildExit> WaitAsync(CapturedText stdout, CapturedText stderr, TimeSpan drainGrace, TimeSpan afterKill, CancellationToken timeout, CancellationToken cancellationToken)
    {
        var state = new LoopState(stdout, stderr, drainGrace, afterKill);
        if (Loop(state, Stopwatch.GetTimestamp() + Ticks(Inline), timeout, cancellationToken))
        {
            return state.Result();
        }

        // Longer than a quick command: the loop gets a thread of its own, and the tokens wake its poll through a pipe.
        var wake = PosixSpawn.Pipe();
        (_wake[0], _wake[1]) = (wake[0], wake[1]);
        using var onTimeout = timeout.Register(Wake);
        using var onCancel = cancellationToken.Register(Wake);
        await Task.Factory.StartNew(() => Loop(state, long.MaxValue, timeout, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .ConfigureAwait(false);
        return state.Result();
    }

    public void Dispose()
    {
        if (!_reaped)
        {
            kill(Pid, 9);
            Reap(blocking: true);
        }

        foreach (var fd in new[] { _stdout, _stderr, _stdin, _pidfd, _wake[0], _wake[1] })
        {
            if (fd >= 0)
            {
                close(fd);
            }
        }

        _stdout = _stderr = _stdin = -1;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Returns true when done; false when <paramref name="until"/> (a Stopwatch timestamp) came first.</summary>
    private bool Loop(LoopState state, long until, CancellationToken timeout, CancellationToken cancellationToken)
    {
        var fds = new PollFd[5];
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (!_reaped && !state.Stopping && (cancellationToken.IsCancellationRequested || timeout.IsCancellationRequested))
            {
                state.Stop(cancellationToken.IsCancellationRequested ? ChildExitReason.Cancelled : ChildExitReason.TimedOut, now);
                KillTree();
            }

            if (_reaped && ((_stdout < 0 && _stderr < 0) || now >= state.DrainUntil))
            {
                return true;
            }

            if (!_reaped && state.Stopping && now >= state.GiveUpAt)
            {
                return true; // killed, yet not gone after the grace: report what we have (Dispose reaps it)
            }

            if (now >= until)
            {
                return false;
            }

            var count = 0;
            Add(fds, ref count, _stdout);
            Add(fds, ref count, _stderr);
            Add(fds, ref count, _reaped ? -1 : _pidfd);
            Add(fds, ref count, _wake[0]);
            Add(fds, ref count, _stdin, POLLOUT);
            var deadline = Math.Min(until, _reaped ? state.DrainUntil : state.GiveUpAt);
            var waitMs = deadline == long.MaxValue ? -1 : (int)Math.Clamp(((deadline - now) * 1000 / Stopwatch.Frequency) + 1, 0, int.MaxValue);
            if (poll(fds, (nuint)count, waitMs) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                throw new IOException($"poll failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            for (var i = 0; i < count; i++)
            {
                if (fds[i].Revents == 0)
                {
                    continue;
                }

                var fd = fds[i].Fd;
                if (fd == _stdout)
                {
                    _stdout = Drain(fd, state.Stdout);
                }
                else if (fd == _stderr)
                {
                    _stderr = Drain(fd, state.Stderr);
                }
                else if (fd == _stdin)
                {
                    _stdin = Feed(fd);
                }
                else if (fd == _pidfd)
                {
                    Reap(blocking: false);
                    if (_reaped)
                    {
                        state.Exited(_exitCode, Stopwatch.GetTimestamp());
                    }
                }
                else
                {
                    // The wake pipe: cancellation; the top of the loop acts on the token.
                    read(fd, _buffer, _buffer.Length);
                }
            }
        }
    }

    private static void Add(PollFd[] fds, ref int count, int fd, short events = POLLIN)
    {
        if (fd >= 0)
        {
            fds[count++] = new PollFd { Fd = fd, Events = events };
        }
    }

    /// <summary>
    /// Writes as much of the input as the pipe takes; returns the descriptor, or -1 once all was written or the program
    /// closed its end (then it is closed: the program reads end-of-file, or never reads the rest, as with Process).
    /// </summary>
    private int Feed(int fd)
    {
        var n = write(fd, ref _input![_fed], _input.Length - _fed);
        if (n > 0)
        {
            _fed += (int)n;
            if (_fed < _input.Length)
            {
                return fd;
            }
        }
        else if (n < 0 && Marshal.GetLastPInvokeError() is EINTR or EAGAIN)
        {
            return fd;
        }

        close(fd); // all written, or EPIPE: the program exited or closed its stdin without reading everything
        return -1;
    }

    /// <summary>Reads what is there; returns the descriptor, or -1 once it hit end-of-file (then it is closed).</summary>
    private int Drain(int fd, CapturedText sink)
    {
        var n = read(fd, _buffer, _buffer.Length);
        if (n > 0)
        {
            sink.AddBytes(_buffer.AsSpan(0, (int)n));
            return fd;
        }

        if (n < 0 && Marshal.GetLastPInvokeError() == EINTR)
        {
            return fd;
        }

        sink.AddBytes([], final: true);
        close(fd);
        return -1;
    }

    private void Reap(bool blocking)
    {
        int result;
        int status;
        while ((result = waitpid(Pid, out status, blocking ? 0 : WNOHANG)) < 0 && Marshal.GetLastPInvokeError() == EINTR)
        {
        }

        if (result == Pid)
        {
            _reaped = true;

            // As Process reports it: the exit status, or 128 + the signal that ended the program.
            var signal = status & 0x7f;
            _exitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal;
        }
        else if (result < 0)
        {
            _reaped = true; // ECHILD: someone else reaped it; nothing more will come
            _exitCode = -1;
        }
    }

    private void KillTree()
    {
        if (_reaped)
        {
            return;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone between the check and the kill; the pidfd reports the exit.
            kill(Pid, 9);
        }
    }

    private void Wake()
    {
        if (_wake[1] >= 0)
        {
            write(_wake[1], [1], 1);
        }
    }

    private sealed class LoopState(CapturedText stdout, CapturedText stderr, TimeSpan drainGrace, TimeSpan afterKill)
    {
        private ChildExitReason _reason = ChildExitReason.Exited;
        private int? _exitCode;

        public CapturedText Stdout { get; } = stdout;

        public CapturedText Stderr { get; } = stderr;

        public bool Stopping { get; private set; }

        public long GiveUpAt { get; private set; } = long.MaxValue;

        public long DrainUntil { get; private set; } = long.MaxValue;

        public void Stop(ChildExitReason reason, long now)
        {
            Stopping = true;
            _reason = reason;
            GiveUpAt = now + Ticks(afterKill);
        }

        public void Exited(int exitCode, long now)
        {
            _exitCode = exitCode;
            DrainUntil = now + Ticks(drainGrace);
        }

        public ChildExit Result() => new(_reason, _exitCode);
    }
}

/// <summary>How the wait ended: the program exited by itself, or was killed for a timeout or a cancellation.</summary>
internal enum ChildExitReason
{
    Exited,
    TimedOut,
    Cancelled,
}

/// <summary>The outcome of <see cref="SpawnedChild.WaitAsync"/>; <see cref="ExitCode"/> is null if it never exited.</summary>
internal sealed record ChildExit(ChildExitReason Reason, int? ExitCode);
