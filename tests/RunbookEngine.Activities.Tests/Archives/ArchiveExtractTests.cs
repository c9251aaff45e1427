using RunbookEngine.Activities.Archives;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Archives;

public sealed class ArchiveExtractTests : IDisposable
{
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Destination => _dir.Combine("dest");

    private static TarBuilder NodeArchive() => new TarBuilder()
        .Folder("./")
        .Folder("node1/")
        .File("node1/raft.log", "entries")
        .File("./node1/snapshots//snap-1", "snapshot")
        .Symlink("node1/current", "snapshots/snap-1")
        .HardLink("node1/copy.log", "node1/raft.log")
        .Folder("empty/");

    private Task<IReadOnlyDictionary<string, object?>> Extract(string archive, bool overwrite = false, TestContext? test = null) =>
        new ArchiveExtract().Execute((test ?? new TestContext(_dir.Path)).Context, ("archive", archive), ("destination", "dest"), ("overwrite", overwrite));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Extracts_files_folders_links_and_hard_links_as_copies(bool gzip)
    {
        var archive = NodeArchive().WriteTo(_dir.Combine(gzip ? "node.tgz" : "node.tar"), gzip);

        var outputs = await Extract(archive);

        File.ReadAllText(Path.Combine(Destination, "node1", "raft.log")).ShouldBe("entries");
        File.ReadAllText(Path.Combine(Destination, "node1", "snapshots", "snap-1")).ShouldBe("snapshot");
        new FileInfo(Path.Combine(Destination, "node1", "current")).LinkTarget.ShouldBe("snapshots/snap-1");
        File.ReadAllText(Path.Combine(Destination, "node1", "current")).ShouldBe("snapshot");
        File.ReadAllText(Path.Combine(Destination, "node1", "copy.log")).ShouldBe("entries");
        Directory.Exists(Path.Combine(Destination, "empty")).ShouldBeTrue();
        outputs["files"].ShouldBe(3L);
        outputs["directories"].ShouldBe(2L);
        outputs["links"].ShouldBe(1L);
        outputs["bytes"].ShouldBe(7L + 8 + 7);
        outputs["unchanged"].ShouldBe(0L);
        Directory.EnumerateFiles(Destination, "*.partial", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Links_whose_targets_climb_but_stay_inside_are_extracted()
    {
        var archive = new TarBuilder()
            .File("real/lib.so.1", "code")
            .Symlink("lib/lib.so", "../real/lib.so.1")
            .Symlink("lib/here", "./../lib/lib.so")
            .WriteTo(_dir.Combine("libs.tar"));

        await Extract(archive);

        File.ReadAllText(Path.Combine(Destination, "lib", "here")).ShouldBe("code");
    }

    [Fact]
    public async Task Modes_and_modification_times_are_restored_without_set_id_bits()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var archive = new TarBuilder()
            .Folder("ro/", UnixFileMode.UserRead | UnixFileMode.UserExecute)
            .File("ro/secret", "x", UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .File("tool", "x", UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)
            .WriteTo(_dir.Combine("modes.tar"));

        await Extract(archive);

        File.GetUnixFileMode(Path.Combine(Destination, "ro", "secret")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(Destination, "ro")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(Destination, "tool")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetLastWriteTimeUtc(Path.Combine(Destination, "tool")).ShouldBe(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        File.SetUnixFileMode(Path.Combine(Destination, "ro"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_rerun_leaves_identical_files_alone()
    {
        var archive = NodeArchive().WriteTo(_dir.Combine("node.tar"));
        await Extract(archive);
        var before = _dir.Fingerprint();

        var outputs = await Extract(archive);

        outputs["unchanged"].ShouldBe(4L);
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task A_different_existing_file_refuses_the_archive_unless_overwrite_is_set()
    {
        _dir.Write("dest/node1/raft.log", "local edits");
        var archive = NodeArchive().WriteTo(_dir.Combine("node.tar"));
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Extract(archive));
        failure.ErrorType.ShouldBe(ArchiveProblem.TargetExists);
        _dir.Fingerprint().ShouldBe(before);

        var plan = await new ArchiveExtract().Plan(new TestContext(_dir.Path).Context, ("archive", archive), ("destination", "dest"), ("overwrite", true));
        plan.Destructive.ShouldBeTrue();
        plan.DataAtStake.ShouldNotBeNull().ShouldContain("node1/raft.log");
        _dir.Fingerprint().ShouldBe(before);

        await Extract(archive, overwrite: true);
        File.ReadAllText(Path.Combine(Destination, "node1", "raft.log")).ShouldBe("entries");
    }

    [Fact]
    public async Task A_folder_where_a_file_goes_is_refused_even_with_overwrite()
    {
        Directory.CreateDirectory(Path.Combine(Destination, "node1", "raft.log"));
        var archive = NodeArchive().WriteTo(_dir.Combine("node.tar"));

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Extract(archive, overwrite: true));

        failure.ErrorType.ShouldBe(ArchiveProblem.TargetExists);
        File.Exists(Path.Combine(Destination, "node1", "snapshots", "snap-1")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_plan_lists_entries_with_sizes_and_changes_nothing()
    {
        var archive = NodeArchive().WriteTo(_dir.Combine("node.tar"));
        var before = _dir.Fingerprint();

        var plan = await new ArchiveExtract().Plan(new TestContext(_dir.Path).Context, ("archive", archive), ("destination", "dest"));

        plan.Summary.ShouldBe($"extract 3 files (22 B) and 3 folders/links from {archive} into {Destination}");
        plan.Effects.Select(e => $"{e.Kind} {e.Target} {e.Detail} {e.Bytes}").ShouldBe(
        [
            $"Read {archive} 6 entries {new FileInfo(archive).Length}",
            $"Write {Destination} 6 of 6 entries (0 already in place) 22",
            "Write node1 folder ",
            "Write node1/raft.log file 7",
            "Write node1/snapshots/snap-1 file 8",
            "Write node1/current symbolic link to snapshots/snap-1 ",
            "Write node1/copy.log hard link to node1/raft.log (extracted as a copy) ",
            "Write empty folder ",
        ]);
        plan.Destructive.ShouldBeFalse();
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Unreadable_and_missing_archives_have_their_own_error_types()
    {
        _dir.Write("junk.tar.gz", new byte[] { 0x1f, 0x8b, 1, 2, 3, 4, 5 });
        _dir.Write("junk.tar", new string('x', 700));

        (await Should.ThrowAsync<ActivityFailure>(() => Extract(_dir.Combine("junk.tar.gz")))).ErrorType.ShouldBe(ArchiveProblem.Invalid);
        (await Should.ThrowAsync<ActivityFailure>(() => Extract(_dir.Combine("junk.tar")))).ErrorType.ShouldBe(ArchiveProblem.Invalid);
        (await Should.ThrowAsync<ActivityFailure>(() => Extract(_dir.Combine("none.tar")))).ErrorType.ShouldBe(ArchiveProblem.NotFound);
        Directory.Exists(Destination).ShouldBeFalse();
    }
}
