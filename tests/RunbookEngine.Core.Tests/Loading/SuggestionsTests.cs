using RunbookEngine.Loading;

namespace RunbookEngine.Core.Tests.Loading;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("ab", "ba", 1)]
    [InlineData("timeuot", "timeout", 1)]
    [InlineData("abcdef", "badcfe", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_is_the_optimal_string_alignment_distance(string a, string b, int expected)
    {
        Suggestions.Distance(a, b).ShouldBe(expected);
        Suggestions.Distance(b, a).ShouldBe(expected);
    }

    [Fact]
    public void Distance_agrees_with_a_reference_implementation_on_random_words()
    {
        var random = new Random(12345);
        string Word() => new(Enumerable.Range(0, random.Next(0, 7)).Select(_ => "abcd"[random.Next(4)]).ToArray());
        for (var i = 0; i < 3000; i++)
        {
            var (a, b) = (Word(), Word());
            Suggestions.Distance(a, b).ShouldBe(ReferenceDistance(a, b), $"'{a}' vs '{b}'");
        }
    }

    /// <summary>Textbook optimal string alignment (restricted Damerau–Levenshtein) with a full matrix.</summary>
    private static int ReferenceDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    [Theory]
    [InlineData("fs.bakup", "fs.backup")]
    [InlineData("FS.STAT", "fs.stat")]
    [InlineData("timeuot", "timeout")]
    [InlineData("parallell", "parallel")]
    [InlineData("flow.lgo", "flow.log")]
    public void Closest_finds_typos(string input, string expected)
    {
        Suggestions.Closest(input, ["fs.backup", "fs.stat", "timeout", "parallel", "flow.log", "flow.fail"]).ShouldBe(expected);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("database")]
    [InlineData("")]
    public void Closest_gives_nothing_when_no_candidate_is_near(string input)
    {
        Suggestions.Closest(input, ["fs.backup", "timeout", "exec"]).ShouldBeNull();
    }

    [Fact]
    public void Closest_of_no_candidates_is_null() => Suggestions.Closest("a", []).ShouldBeNull();

    [Fact]
    public void Closest_allows_one_edit_even_in_short_words()
    {
        Suggestions.Closest("id", ["if", "xyz"]).ShouldBe("if");
        Suggestions.Closest("ab", ["xy"]).ShouldBeNull();
    }

    [Fact]
    public void Hint_leads_with_the_suggestion_then_lists_the_choices()
    {
        Suggestions.Hint("timout", ["timeout", "retry"], "valid keys here").ShouldBe("did you mean 'timeout'? valid keys here: timeout, retry");
        Suggestions.Hint("zzz", ["timeout", "retry"], "valid keys here").ShouldBe("valid keys here: timeout, retry");
        Suggestions.Hint("zzz", [], "parameters").ShouldBe("there are no parameters");
        Suggestions.Hint("x", [], "its parameters").ShouldBe("it has no parameters"); // was "there are no its parameters"
    }

    [Fact]
    public void Hint_lists_at_most_twenty_choices()
    {
        var many = Enumerable.Range(1, 25).Select(i => $"choice{i:00}").ToList();

        var hint = Suggestions.Hint("zzz", many, "choices");

        hint.ShouldContain("choice20");
        hint.ShouldNotContain("choice21");
        hint.ShouldEndWith(", …");
    }
}
