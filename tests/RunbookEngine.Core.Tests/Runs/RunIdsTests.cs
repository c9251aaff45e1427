using RunbookEngine.Runs;

namespace RunbookEngine.Core.Tests.Runs;

public sealed class RunIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 3, 28, 12, 999, TimeSpan.Zero);

    [Fact]
    public void An_id_is_the_utc_creation_time_and_six_random_hex_digits()
    {
        var id = RunIds.New(At.ToOffset(TimeSpan.FromHours(9)));

        id.ShouldMatch("^20261121-032812-[0-9a-f]{6}$");
        RunIds.IsValid(id).ShouldBeTrue();
        RunIds.TimeOf(id).ShouldBe(new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero));
    }

    [Fact]
    public void Ids_made_in_the_same_second_differ()
    {
        Enumerable.Range(0, 50).Select(_ => RunIds.New(At)).Distinct().Count().ShouldBeGreaterThan(45);
    }

    [Fact]
    public void Ids_sort_by_creation_time()
    {
        var earlier = RunIds.New(At);
        var later = RunIds.New(At.AddSeconds(1));
        string.CompareOrdinal(earlier, later).ShouldBeLessThan(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc")]
    [InlineData("20261121-032812-7F3A9C")]
    [InlineData("20261121-032812-7f3a9")]
    [InlineData("20261121-032812-7f3a9c/..")]
    [InlineData(".creating-20261121-032812-7f3a9c")]
    public void Anything_else_is_not_an_id(string text)
    {
        RunIds.IsValid(text).ShouldBeFalse();
        RunIds.TimeOf(text).ShouldBeNull();
    }
}
