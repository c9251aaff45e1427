using RunbookEngine.Format;

namespace RunbookEngine.Core.Tests.Format;

public sealed class DurationsTests
{
    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "500ms", TimeSpan.FromMilliseconds(500) },
        { "30s", TimeSpan.FromSeconds(30) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "2h", TimeSpan.FromHours(2) },
        { "2d", TimeSpan.FromDays(2) },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "1d2h3m4s5ms", new TimeSpan(1, 2, 3, 4, 5) },
        { "90s", TimeSpan.FromSeconds(90) },
        { "0s", TimeSpan.Zero },
        { "0ms", TimeSpan.Zero },
        { "1500ms", TimeSpan.FromMilliseconds(1500) },
        { "10675199d", TimeSpan.FromDays(10675199) },
        { "922337203685477ms", TimeSpan.FromTicks(922337203685477L * TimeSpan.TicksPerMillisecond) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_operator_spellings(string text, TimeSpan expected)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("ms")]
    [InlineData("1.5s")]
    [InlineData("-1s")]
    [InlineData("+1s")]
    [InlineData("5 s")]
    [InlineData(" 5s")]
    [InlineData("5s ")]
    [InlineData("1w")]
    [InlineData("1H")]
    [InlineData("1S")]
    [InlineData("PT5M")]
    [InlineData("00:05:00")]
    [InlineData("1h30")]
    public void Rejects_anything_else(string text)
    {
        Durations.TryParse(text, out var value).ShouldBeFalse();
        value.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("10675200d")]
    [InlineData("10675199d3h")]
    [InlineData("922337203685478ms")]
    [InlineData("9223372036854775807ms")]
    [InlineData("99999999999999999999s")]
    [InlineData("9223372036854775807d")]
    public void Overflow_is_a_parse_failure_not_an_exception(string text)
    {
        Durations.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1ms")]
    [InlineData(500, "500ms")]
    [InlineData(1_000, "1s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(86_400_000, "1d")]
    [InlineData(86_400_001, "1d1ms")]
    [InlineData(93_784_005, "1d2h3m4s5ms")]
    [InlineData(2_592_000_000, "30d")]
    public void Formats_with_the_largest_units(long milliseconds, string expected)
    {
        Durations.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);
    }

    [Fact]
    public void A_measured_time_under_a_millisecond_is_not_an_empty_text()
    {
        Durations.Format(TimeSpan.FromMicroseconds(400)).ShouldBe("<1ms");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(999L)]
    [InlineData(61_001L)]
    [InlineData(86_399_999L)]
    [InlineData(123_456_789_012L)]
    [InlineData(922_337_203_685_477L)]
    public void Format_and_parse_round_trip(long milliseconds)
    {
        var value = TimeSpan.FromTicks(milliseconds * TimeSpan.TicksPerMillisecond);

        Durations.TryParse(Durations.Format(value), out var back).ShouldBeTrue();
        back.ShouldBe(value);
    }

    [Theory]
    [InlineData("90s", "1m30s")]
    [InlineData("60m", "1h")]
    [InlineData("24h", "1d")]
    [InlineData("1s1000ms", "2s")]
    [InlineData("0d0h5m", "5m")]
    public void Parse_then_format_gives_the_canonical_spelling(string text, string canonical)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        Durations.Format(value).ShouldBe(canonical);
    }
}
