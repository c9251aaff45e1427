using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Model;

public sealed class SemVersionTests
{
    private static SemVersion V(string text)
    {
        SemVersion.TryParse(text, out var version).ShouldBeTrue(text);
        return version;
    }

    [Theory]
    [InlineData("0.0.0", 0, 0, 0, "", "")]
    [InlineData("1.2.3", 1, 2, 3, "", "")]
    [InlineData("10.20.30", 10, 20, 30, "", "")]
    [InlineData("1.0.0-alpha", 1, 0, 0, "alpha", "")]
    [InlineData("1.0.0-alpha.1", 1, 0, 0, "alpha.1", "")]
    [InlineData("1.0.0-0.3.7", 1, 0, 0, "0.3.7", "")]
    [InlineData("1.0.0-x.7.z.92", 1, 0, 0, "x.7.z.92", "")]
    [InlineData("1.0.0-x-y-z.--", 1, 0, 0, "x-y-z.--", "")]
    [InlineData("1.0.0-alpha+001", 1, 0, 0, "alpha", "001")]
    [InlineData("1.0.0+20130313144700", 1, 0, 0, "", "20130313144700")]
    [InlineData("1.0.0-beta+exp.sha.5114f85", 1, 0, 0, "beta", "exp.sha.5114f85")]
    [InlineData("1.0.0+21AF26D3----117B344092BD", 1, 0, 0, "", "21AF26D3----117B344092BD")]
    public void Parses_semver_org_examples(string text, int major, int minor, int patch, string prerelease, string build)
    {
        V(text).ShouldBe(new SemVersion(major, minor, patch, prerelease, build));
        V(text).ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.02.0")]
    [InlineData("1.0.00")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("1.0.0-alpha_beta")]
    [InlineData("1.0.0 ")]
    [InlineData(" 1.0.0")]
    [InlineData("-1.0.0")]
    [InlineData("1.0.0-alpha+beta+gamma")]
    [InlineData("99999999999.0.0")]
    public void Rejects_invalid_versions(string text)
    {
        SemVersion.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Precedence_follows_semver_org_example_chain()
    {
        string[] ordered =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
            "1.0.1", "1.1.0", "1.10.0", "2.0.0", "2.1.0", "2.1.1", "10.0.0",
        ];

        for (var i = 0; i < ordered.Length; i++)
        {
            for (var j = 0; j < ordered.Length; j++)
            {
                Math.Sign(V(ordered[i]).CompareTo(V(ordered[j]))).ShouldBe(i.CompareTo(j), $"{ordered[i]} vs {ordered[j]}");
            }
        }

        ordered.Reverse().Select(V).Order().Select(v => v.ToString()).ShouldBe(ordered);
    }

    [Fact]
    public void Build_metadata_does_not_affect_precedence()
    {
        V("1.0.0+a").CompareTo(V("1.0.0+b")).ShouldBe(0);
        V("1.0.0-rc.1+build.5").CompareTo(V("1.0.0-rc.1")).ShouldBe(0);
        V("1.0.0+zzz").CompareTo(V("1.0.1")).ShouldBeLessThan(0);
    }

    [Fact]
    public void Numeric_identifiers_compare_numerically_whatever_their_size()
    {
        V("1.0.0-2").CompareTo(V("1.0.0-10")).ShouldBeLessThan(0);
        V("1.0.0-rc.9").CompareTo(V("1.0.0-rc.10")).ShouldBeLessThan(0);
        // Numeric identifiers have no size limit in semver; beyond 64 bits they still compare as numbers.
        V("1.0.0-99999999999999999999").CompareTo(V("1.0.0-100000000000000000000")).ShouldBeLessThan(0);
        V("1.0.0-100000000000000000000").CompareTo(V("1.0.0-99999999999999999999")).ShouldBeGreaterThan(0);
        V("1.0.0-99999999999999999999").CompareTo(V("1.0.0-alpha")).ShouldBeLessThan(0);
    }

    [Fact]
    public void Numeric_identifiers_rank_below_alphanumeric_ones()
    {
        V("1.0.0-1").CompareTo(V("1.0.0-a")).ShouldBeLessThan(0);
        V("1.0.0-alpha.1").CompareTo(V("1.0.0-alpha.a")).ShouldBeLessThan(0);
        V("1.0.0-1a").CompareTo(V("1.0.0-2")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Alphanumeric_identifiers_compare_in_ascii_order()
    {
        V("1.0.0-Beta").CompareTo(V("1.0.0-alpha")).ShouldBeLessThan(0);
        V("1.0.0-a-b").CompareTo(V("1.0.0-a0")).ShouldBeLessThan(0);
    }

    [Fact]
    public void Every_version_ranks_above_null() => V("0.0.0").CompareTo(null).ShouldBeGreaterThan(0);
}
