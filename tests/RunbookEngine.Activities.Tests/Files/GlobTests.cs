using RunbookEngine.Activities.Files;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*.log", "raft.log", true)]
    [InlineData("*.log", "sub/raft.log", false)]
    [InlineData("*", ".meta", true)]
    [InlineData("**/*.log", "raft.log", true)]
    [InlineData("**/*.log", "a/b/raft.log", true)]
    [InlineData("snapshots/**", "snapshots/1/x", true)]
    [InlineData("snapshots/**", "snapshotsx/1", false)]
    [InlineData("seg-?", "seg-1", true)]
    [InlineData("seg-?", "seg-10", false)]
    [InlineData("seg-[0-4]", "seg-3", true)]
    [InlineData("seg-[!0-4]", "seg-7", true)]
    [InlineData("seg-[!0-4]", "seg-3", false)]
    [InlineData("a.b", "aXb", false)]
    [InlineData("(x)+", "(x)+", true)]
    [InlineData("Raft.log", "raft.log", false)]
    public void Matches_like_a_shell_glob_with_double_star_and_dot_files(string pattern, string path, bool matches)
    {
        Glob.Parse(pattern).IsMatch(path).ShouldBe(matches);
    }

    [Theory]
    [InlineData("a**")]
    [InlineData("[abc")]
    [InlineData("x[")]
    public void Malformed_patterns_say_why(string pattern)
    {
        Should.Throw<FormatException>(() => Glob.Parse(pattern)).Message.ShouldContain(pattern);
    }

    [Fact]
    public void A_filter_pattern_without_a_slash_matches_names_at_any_depth_and_one_with_a_slash_the_relative_path()
    {
        var filter = PathFilter.From(["*.log", "/top.txt"], ["cache/", "node1/tmp/**"]);

        filter.IncludesFile("a/b/raft.log").ShouldBeTrue();
        filter.IncludesFile("top.txt").ShouldBeTrue();
        filter.IncludesFile("sub/top.txt").ShouldBeFalse();
        filter.IncludesFile("node1/tmp/x.log").ShouldBeFalse();
        filter.ExcludesDirectory("deep/cache").ShouldBeTrue();
        filter.ExcludesDirectory("node1").ShouldBeFalse();
    }

    [Fact]
    public void A_malformed_filter_pattern_is_an_input_error_naming_the_item()
    {
        var error = Should.Throw<ActivityInputException>(() => PathFilter.From(["*.log"], ["ok", "bad**"]));

        error.Input.ShouldBe("exclude[1]");
        error.Message.ShouldContain("'exclude[1]'");
    }
}
