using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsListTests : IDisposable
{
    private readonly TempTree _dir = new();

    public FsListTests()
    {
        _dir.Write("data/node1/raft.log", new byte[100]);
        _dir.Write("data/node1/snap/1.snap", new byte[20]);
        _dir.Write("data/.meta", new byte[3]);
        _dir.Write("outside/big", new byte[5000]);
        Directory.CreateSymbolicLink(_dir.Combine("data", "escape"), _dir.Combine("outside"));
    }

    public void Dispose() => _dir.Dispose();

    private Task<IReadOnlyDictionary<string, object?>> List(params (string, object?)[] inputs) => new FsList().Execute(new TestContext(_dir.Path).Context, inputs);

    private static IEnumerable<string> Names(IReadOnlyDictionary<string, object?> outputs) =>
        ((IEnumerable<object?>)outputs["entries"]!).Cast<IReadOnlyDictionary<string, object?>>().Select(e => (string)e["name"]!);

    [Fact]
    public async Task Lists_a_folder_s_own_entries_with_sizes_folders_as_the_total_below_them()
    {
        var outputs = await List(("path", "data"));

        var entries = ((IEnumerable<object?>)outputs["entries"]!).Cast<IReadOnlyDictionary<string, object?>>().ToList();
        entries.Select(e => (e["name"], e["size"], e["isDirectory"], e["isLink"])).ShouldBe(
        [
            (".meta", 3L, false, false),
            ("escape", 0L, false, true),
            ("node1", 120L, true, false),
        ]);
        entries[2]["path"].ShouldBe(_dir.Combine("data", "node1"));
        outputs["count"].ShouldBe(3L);
    }

    [Fact]
    public async Task Recursive_lists_everything_below_without_entering_links()
    {
        Names(await List(("path", "data"), ("recursive", true))).ShouldBe([".meta", "escape", "node1", "raft.log", "snap", "1.snap"]);
    }

    [Fact]
    public async Task A_pattern_filters_by_name_at_any_depth()
    {
        var outputs = await List(("path", "data"), ("recursive", true), ("pattern", "*.snap"));

        Names(outputs).ShouldBe(["1.snap"]);
        outputs["bytes"].ShouldBe(20L);
    }

    [Fact]
    public async Task A_missing_folder_fails_as_not_found()
    {
        (await Should.ThrowAsync<ActivityFailure>(() => List(("path", "nope")))).ErrorType.ShouldBe("fs.not-found");
    }

    [Fact]
    public async Task Planning_runs_it_for_real()
    {
        var plan = await new FsList().Plan(new TestContext(_dir.Path).Context, ("path", "data"));

        plan.RanForReal.ShouldBeTrue();
        plan.Outputs.ShouldNotBeNull()["count"].ShouldBe(3L);
        plan.Summary.ShouldBe($"{_dir.Combine("data")} has 3 entries");
    }
}
