namespace RunbookEngine.Core.Tests.Fixtures;

/// <summary>The header parser fails loudly, so a fixture cannot silently expect nothing.</summary>
public sealed class FixtureHeaderTests
{
    [Fact]
    public void Reads_expectations_and_keys_from_the_leading_comments_only()
    {
        var header = FixtureHeader.Parse(
            """
            # expect: RB0502 18:26
            # expect: RB0101 12:5
            # runbook: Valid/runbooks/fixtures/bind-target.yaml
            # secret: hunter2
            # says: did you mean 'port'?
            # Prose about the mistake.
            apiVersion: runbook/v1
            # expect: RB0001 1:1
            """, "sample.yaml");

        header.Expected.ShouldBe([new ExpectedDiagnostic("RB0101", 12, 5), new ExpectedDiagnostic("RB0502", 18, 26)]);
        header.Runbook.ShouldBe("Valid/runbooks/fixtures/bind-target.yaml");
        header.Secrets.ShouldBe(["hunter2"]);
        header.Says.ShouldBe(["did you mean 'port'?"]);
        header.ExpectsError.ShouldBeTrue();
    }

    [Fact]
    public void A_warning_alone_is_not_an_expected_error() =>
        FixtureHeader.Parse("# expect: RB0306 3:5\n", "warning.yaml").ExpectsError.ShouldBeFalse();

    [Theory]
    [InlineData("apiVersion: runbook/v1\n")]
    [InlineData("# A malformed runbook whose author forgot the header.\nkind: Runbook\n")]
    [InlineData("kind: Runbook\n# expect: RB0101 1:1\n")]
    public void A_fixture_without_expect_lines_is_rejected(string text) =>
        Should.Throw<FormatException>(() => FixtureHeader.Parse(text, "no-header.yaml")).Message.ShouldContain("no '# expect:' header");

    [Theory]
    [InlineData("# expect: RB0101\n")]
    [InlineData("# expect: RB0101 12\n")]
    [InlineData("# expect: rb0101 12:5\n")]
    [InlineData("# expect: RB0101 12:5 trailing\n")]
    [InlineData("# expects: RB0101 12:5\n")]
    [InlineData("# expect: none\n# expect: RB0101 1:1\n")]
    [InlineData("# expect: RB9999 1:1\n")]
    public void A_malformed_expect_line_is_rejected(string text) =>
        Should.Throw<FormatException>(() => FixtureHeader.Parse(text, "bad-header.yaml"));
}
