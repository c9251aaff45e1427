using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using RunbookEngine.Activities.Archives;
using RunbookEngine.Activities.Tests.Support;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Archives;

public sealed class ArchiveCreateTests : IDisposable
{
    private readonly TempTree _dir = new();

    public ArchiveCreateTests()
    {
        _dir.Write("data/node1/raft.log", "entries");
        _dir.Write("data/node1/b.log", "b");
        _dir.Write("data/node1/tmp/scratch.tmp", "t");
        _dir.Write("data/.meta", "m");
        Directory.CreateDirectory(_dir.Combine("data", "empty"));
        Directory.CreateDirectory(_dir.Combine("out"));
    }

    public void Dispose() => _dir.Dispose();

    private Task<IReadOnlyDictionary<string, object?>> Create(string archive, params (string Key, object? Value)[] more) =>
        new ArchiveCreate().Execute(new TestContext(_dir.Path).Context, [("source", "data"), ("archive", archive), .. more]);

    private static List<string> Names(string archive)
    {
        using var file = File.OpenRead(archive);
        using var stream = archive.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new TarReader(stream);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    [Fact]
    public async Task Archives_a_folder_in_name_order_and_reports_size_and_sha256()
    {
        var outputs = await Create("out/data.tar.gz");

        var archive = _dir.Combine("out", "data.tar.gz");
        Names(archive).ShouldBe([".meta", "empty/", "node1/", "node1/b.log", "node1/raft.log", "node1/tmp/", "node1/tmp/scratch.tmp"]);
        outputs["files"].ShouldBe(4L);
        outputs["bytes"].ShouldBe(new FileInfo(archive).Length);
        outputs["sha256"].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(archive))));
        outputs["changed"].ShouldBe(true);
        Directory.EnumerateFiles(_dir.Combine("out")).Select(Path.GetFileName).ShouldBe(["data.tar.gz"]);
    }

    [Fact]
    public async Task The_same_folder_gives_the_same_bytes_and_a_rerun_keeps_the_archive()
    {
        var first = await Create("out/a.tar");
        var second = await Create("out/b.tar");
        second["sha256"].ShouldBe(first["sha256"]);

        var before = _dir.Fingerprint();
        var again = await Create("out/a.tar");

        again["changed"].ShouldBe(false);
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Include_and_exclude_globs_select_what_goes_in()
    {
        await Create("out/logs.tar", ("include", List("node1/*.log", "empty")), ("exclude", List("b.log")));
        Names(_dir.Combine("out", "logs.tar")).ShouldBe(["empty/", "node1/", "node1/raft.log"]);

        await Create("out/notmp.tar", ("exclude", List("*.tmp", ".meta", "empty")));
        Names(_dir.Combine("out", "notmp.tar")).ShouldBe(["node1/", "node1/b.log", "node1/raft.log", "node1/tmp/"]);
    }

    [Fact]
    public async Task Symbolic_links_are_left_out_with_a_warning()
    {
        File.CreateSymbolicLink(_dir.Combine("data", "link"), "/etc");
        var test = new TestContext(_dir.Path);

        await new ArchiveCreate().Execute(test.Context, ("source", "data"), ("archive", "out/x.tar"));

        Names(_dir.Combine("out", "x.tar")).ShouldNotContain("link");
        test.Log.AllText.ShouldContain("Not following the symbolic link");
    }

    [Fact]
    public async Task What_it_creates_extracts_back_to_the_same_files()
    {
        await Create("out/data.tgz");

        await new ArchiveExtract().Execute(new TestContext(_dir.Path).Context, ("archive", "out/data.tgz"), ("destination", "restored"));

        foreach (var file in Directory.EnumerateFiles(_dir.Combine("data"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_dir.Combine("restored"), Path.GetRelativePath(_dir.Combine("data"), file));
            File.ReadAllBytes(copy).ShouldBe(File.ReadAllBytes(file));
            File.GetLastWriteTimeUtc(copy).ShouldBe(File.GetLastWriteTimeUtc(file));
        }

        Directory.Exists(_dir.Combine("restored", "empty")).ShouldBeTrue();
    }

    [Fact]
    public async Task An_existing_different_archive_is_replaced_only_with_overwrite()
    {
        _dir.Write("out/data.tar", "an older archive");

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Create("out/data.tar"));
        failure.ErrorType.ShouldBe(ArchiveProblem.TargetExists);
        File.ReadAllText(_dir.Combine("out", "data.tar")).ShouldBe("an older archive");
        Directory.EnumerateFiles(_dir.Combine("out")).Count().ShouldBe(1);

        var plan = await new ArchiveCreate().Plan(new TestContext(_dir.Path).Context, ("source", "data"), ("archive", "out/data.tar"), ("overwrite", true));
        plan.Destructive.ShouldBeTrue();

        (await Create("out/data.tar", ("overwrite", true)))["changed"].ShouldBe(true);
        Names(_dir.Combine("out", "data.tar")).ShouldContain("node1/raft.log");
    }

    [Fact]
    public async Task The_plan_lists_what_goes_in_and_writes_nothing()
    {
        var before = _dir.Fingerprint();

        var plan = await new ArchiveCreate().Plan(new TestContext(_dir.Path).Context, ("source", "data"), ("archive", "out/data.tar.gz"), ("exclude", List("tmp")));

        plan.Summary.ShouldBe($"archive 3 files (9 B) from {_dir.Combine("data")} into {_dir.Combine("out", "data.tar.gz")} (tar.gz)");
        plan.Effects[1].Detail.ShouldBe(".meta, empty/, node1/, node1/b.log, node1/raft.log");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Refuses_an_archive_inside_its_source_and_a_missing_source()
    {
        (await Should.ThrowAsync<ActivityFailure>(() => Create("data/self.tar"))).ErrorType.ShouldBe(ArchiveProblem.TargetInsideSource);
        (await Should.ThrowAsync<ActivityFailure>(() => new ArchiveCreate().Execute(new TestContext(_dir.Path).Context, ("source", "nope"), ("archive", "out/x.tar"))))
            .ErrorType.ShouldBe(ArchiveProblem.NotFound);
        await Should.ThrowAsync<ActivityInputException>(() => Create("out/x.tar", ("exclude", List("../up"))));
    }
}
