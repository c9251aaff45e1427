namespace RunbookEngine.Cli.Tests.Support;

/// <summary>The snapshot helper itself: it must fail on a difference and never accept a new snapshot silently.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Equal_text_passes_and_removes_a_stale_received_file()
    {
        _dir.Write("s.txt", "a\nb\n");
        _dir.Write("s.received.txt", "old");

        Snapshot.Match("s", "a\r\nb\r\n", _dir.Path, update: false);

        _dir.Files().ShouldBe(["s.txt"]);
    }

    [Fact]
    public void Different_text_fails_with_a_diff_and_writes_received()
    {
        _dir.Write("s.txt", "one\ntwo\nthree\nfour\nfive\n");

        var error = Should.Throw<Exception>(() => Snapshot.Match("s", "one\ntwo\nthree\nFOUR\nfive\n", _dir.Path, update: false));

        error.Message.ShouldContain("-four\n+FOUR\n");
        error.Message.ShouldContain("UPDATE_SNAPSHOTS=1");
        File.ReadAllText(_dir.Combine("s.received.txt")).ShouldBe("one\ntwo\nthree\nFOUR\nfive\n");
        File.ReadAllText(_dir.Combine("s.txt")).ShouldBe("one\ntwo\nthree\nfour\nfive\n");
    }

    [Fact]
    public void Missing_snapshot_fails_and_writes_received_only()
    {
        Should.Throw<Exception>(() => Snapshot.Match("new", "text\n", _dir.Path, update: false));

        _dir.Files().ShouldBe(["new.received.txt"]);
    }

    [Fact]
    public void Update_rewrites_a_changed_snapshot_and_passes()
    {
        _dir.Write("s.txt", "old\n");
        _dir.Write("s.received.txt", "new\n");

        Snapshot.Match("s", "new\n", _dir.Path, update: true);

        _dir.Files().ShouldBe(["s.txt"]);
        File.ReadAllText(_dir.Combine("s.txt")).ShouldBe("new\n");
    }

    [Fact]
    public void Update_writes_a_new_snapshot_but_still_fails()
    {
        Should.Throw<Exception>(() => Snapshot.Match("new", "text\n", _dir.Path, update: true));

        File.ReadAllText(_dir.Combine("new.txt")).ShouldBe("text\n");
    }

    [Fact]
    public void Diff_shows_context_and_only_the_differing_region()
    {
        var expected = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        var actual = expected.Replace("line 6\n", "line six\nextra\n", StringComparison.Ordinal);

        Snapshot.Diff(expected, actual).ShouldBe("""
            --- snapshot
            +++ received
            @@ -3,4 +3,5 @@
             line 3
             line 4
             line 5
            -line 6
            +line six
            +extra

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Paths_of_the_repository_and_of_test_folders_are_normalised()
    {
        var text = $"{RepoPaths.Root}/runbooks/x.yaml and {_dir.Path}/runbooks\r\n";

        CliRunner.Normalise(text).ShouldBe("<repo>/runbooks/x.yaml and <tmp>/runbooks\n");
    }
}
