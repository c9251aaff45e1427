namespace RunbookEngine.Core.Tests.Support;

/// <summary>
/// A clock tests move by hand, so timestamps in journals and run ids are reproducible (golden files depend on it),
/// with timers: <see cref="Advance"/> fires the ones that fall due. With <see cref="AutoAdvance"/> every timer fires
/// as soon as it is created (the clock jumps forward), so retries and timeouts run without sleeping while
/// <see cref="RequestedDelays"/> records what was asked for.
/// </summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero))
    {
    }

    public bool AutoAdvance { get; init; }

    public List<TimeSpan> RequestedDelays { get; } = [];

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<FakeTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt <= _now).ToList();
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Schedule(timer, dueTime);
        }

        return timer;
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            RequestedDelays.Add(dueTime);
            timer.DueAt = _now + dueTime;
            _timers.Add(timer);
        }

        if (AutoAdvance)
        {
            // Fire from the thread pool, as a real timer would, after the caller has started waiting.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }
    }

    private void Cancel(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Cancel(this);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Schedule(this, dueTime);
            }

            return true;
        }

        public void Dispose() => clock.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
