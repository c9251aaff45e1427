using RunbookEngine.Activities.Archives;

namespace RunbookEngine.Activities.Tests.Archives;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*.log", "a.log", true)]
    [InlineData("*.log", "x/y/a.log", true)]
    [InlineData("*.log", "a.log.1", false)]
    [InlineData("node1/*.log", "node1/a.log", true)]
    [InlineData("node1/*.log", "node1/sub/a.log", false)]
    [InlineData("node1/**/*.log", "node1/sub/deep/a.log", true)]
    [InlineData("node1/**/*.log", "node1/a.log", true)]
    [InlineData("**/snap-?", "a/b/snap-1", true)]
    [InlineData("logs", "logs/today/x", true)]
    [InlineData("data/tmp", "data/tmp/x", true)]
    [InlineData("data/tmp", "other/data/tmp/x", false)]
    [InlineData("a.b", "axb", false)]
    public void Matches(string pattern, string path, bool expected)
    {
        Glob.Parse(pattern).Matches(path).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    public void Patterns_that_leave_the_folder_are_refused(string pattern)
    {
        Should.Throw<FormatException>(() => Glob.Parse(pattern));
    }
}
