using System.Diagnostics;
using Spectre.Console;

namespace RunbookEngine.Cli.Running;

/// <summary>
/// On a terminal, a live line under the run's log: a spinner, the step in flight, how many steps finished, and the
/// time elapsed, redrawn ten times a second (the step may be a one-hour copy). Log lines are written above it: the
/// line is cleared, the log line printed, the status drawn again. Prompts suspend it. Off a terminal nothing of this
/// is used and the log stays plain lines, so files and CI logs never see escape codes.
/// </summary>
internal sealed class LiveStatus : IDisposable
{
    private const string ClearLine = "\r\u001b[2K";
    private readonly TextWriter _out;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IReadOnlyList<string> _frames = Spinner.Known.Dots.Frames;
    private readonly ITimer? _timer;
    private string _current = "starting";
    private int _done;
    private int _frame;
    private int _suspended;
    private bool _drawn;
    private bool _disposed;

    /// <param name="animate">False in tests: the line is drawn on every change but no timer redraws it.</param>
    public LiveStatus(TextWriter output, bool animate = true)
    {
        _out = output;
        if (animate)
        {
            _timer = TimeProvider.System.CreateTimer(_ => Redraw(advance: true), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Writes a finished log line above the status line.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            Erase();
            _out.Write(text);
            Draw();
        }
    }

    public void StepStarted(string step)
    {
        lock (_gate)
        {
            _current = step;
            Erase();
            Draw();
        }
    }

    public void StepFinished(string step)
    {
        lock (_gate)
        {
            _done++;
            if (_current == step)
            {
                _current = "between steps";
            }

            Erase();
            Draw();
        }
    }

    /// <summary>Removes the status line until the returned handle is disposed (an approval prompt is on screen).</summary>
    public IDisposable Suspend()
    {
        lock (_gate)
        {
            Erase();
            _suspended++;
        }

        return new Resumer(this);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            Erase();
            _disposed = true;
        }
    }

    /// <summary>The status text itself, without escape codes.</summary>
    internal string Text() =>
        $"{_frames[_frame % _frames.Count]} {_current} · {_done} step{(_done == 1 ? string.Empty : "s")} done · {Elapsed(_clock.Elapsed)}";

    private static string Elapsed(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : $"{t:mm\\:ss}";

    private void Redraw(bool advance)
    {
        lock (_gate)
        {
            if (advance)
            {
                _frame++;
            }

            Erase();
            Draw();
        }
    }

    private void Erase()
    {
        if (_drawn)
        {
            _out.Write(ClearLine);
            _drawn = false;
        }
    }

    private void Draw()
    {
        if (_suspended > 0 || _disposed)
        {
            _out.Flush();
            return;
        }

        // Dim, so it reads as status rather than as part of the log.
        _out.Write("\u001b[2m" + Text() + "\u001b[0m");
        _out.Flush();
        _drawn = true;
    }

    private void Resume()
    {
        lock (_gate)
        {
            _suspended--;
            Draw();
        }
    }

    private sealed class Resumer(LiveStatus status) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                status.Resume();
            }
        }
    }
}
