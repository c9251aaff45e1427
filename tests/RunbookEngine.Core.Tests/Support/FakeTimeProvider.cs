namespace RunbookEngine.Core.Tests.Support;

/// <summary>
/// A clock tests move by hand, so timestamps in journals and run ids are reproducible (golden files depend on it).
/// Only the clock: code under test that needs timers should get its own fake when it exists.
/// </summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
    }
}
