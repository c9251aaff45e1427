using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsStatTests : IDisposable
{
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<IReadOnlyDictionary<string, object?>> Stat(string path) =>
        new FsStat().Execute(new TestContext(_dir.Path).Context, ("path", path));

    [Fact]
    public async Task A_missing_path_does_not_exist_and_is_not_an_error()
    {
        var outputs = await Stat("missing");

        outputs["exists"].ShouldBe(false);
        outputs["isDirectory"].ShouldBe(false);
        outputs["size"].ShouldBe(0L);
    }

    [Fact]
    public async Task A_file_reports_its_size()
    {
        _dir.Write("data/a.bin", new byte[1234]);

        var outputs = await Stat("data/a.bin");

        outputs["exists"].ShouldBe(true);
        outputs["isDirectory"].ShouldBe(false);
        outputs["size"].ShouldBe(1234L);
    }

    [Fact]
    public async Task A_folder_reports_the_total_of_every_file_below_it_hidden_ones_included()
    {
        _dir.Write("data/a.bin", new byte[100]);
        _dir.Write("data/sub/deeper/b.bin", new byte[20]);
        _dir.Write("data/.hidden", new byte[3]);
        Directory.CreateDirectory(_dir.Combine("data", "empty"));

        var outputs = await Stat("data");

        outputs["isDirectory"].ShouldBe(true);
        outputs["size"].ShouldBe(123L);
    }

    [Fact]
    public async Task Links_inside_the_folder_are_not_followed_out_of_the_tree()
    {
        _dir.Write("outside/huge.bin", new byte[10_000]);
        _dir.Write("data/a.bin", new byte[10]);
        Directory.CreateSymbolicLink(_dir.Combine("data", "link-to-outside"), _dir.Combine("outside"));
        File.CreateSymbolicLink(_dir.Combine("data", "file-link"), _dir.Combine("outside", "huge.bin"));

        (await Stat("data"))["size"].ShouldBe(10L);
    }

    [Fact]
    public async Task Planning_runs_it_for_real_and_reports_what_it_found()
    {
        _dir.Write("data/a.bin", new byte[2048]);

        var plan = await new FsStat().Plan(new TestContext(_dir.Path).Context, ("path", "data"));

        plan.RanForReal.ShouldBeTrue();
        plan.Outputs.ShouldNotBeNull()["size"].ShouldBe(2048L);
        plan.Summary.ShouldBe($"{_dir.Combine("data")} is a folder of 2 KiB");
    }
}
