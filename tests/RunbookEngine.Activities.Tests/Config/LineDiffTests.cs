using RunbookEngine.Activities.Config;

namespace RunbookEngine.Activities.Tests.Config;

public sealed class LineDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff()
    {
        LineDiff.Unified("a\nb\n", "a\nb\n").ShouldBeEmpty();
    }

    [Fact]
    public void Changes_far_apart_make_separate_hunks_with_context()
    {
        var before = string.Join("\n", Enumerable.Range(1, 20)) + "\n";
        var after = before.Replace("\n3\n", "\nthree\n", StringComparison.Ordinal).Replace("\n18\n", "\n", StringComparison.Ordinal);

        LineDiff.Unified(before, after, context: 1).ShouldBe("@@ -2,3 +2,3 @@\n 2\n-3\n+three\n 4\n@@ -17,3 +17,2 @@\n 17\n-18\n 19");
    }

    [Fact]
    public void Whole_file_context_shows_every_line()
    {
        LineDiff.Unified("a\nb\nc\n", "a\nB\nc\n", LineDiff.WholeFile).ShouldBe("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c");
    }

    [Fact]
    public void Additions_to_an_empty_text_start_at_line_zero()
    {
        LineDiff.Unified(string.Empty, "x\ny\n").ShouldBe("@@ -0,0 +1,2 @@\n+x\n+y");
    }
}
