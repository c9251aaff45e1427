using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsVerifyBackupTests : IDisposable
{
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<IReadOnlyDictionary<string, object?>> Verify(string path) => new FsVerifyBackup().Execute(new TestContext(_dir.Path).Context, ("path", path));

    [Fact]
    public async Task A_fresh_backup_is_ok()
    {
        var backup = await BackupFixture.MakeAsync(_dir);

        var outputs = await Verify(backup);

        outputs["ok"].ShouldBe(true);
        outputs["files"].ShouldBe(3L);
        outputs["bytes"].ShouldBe(3008L);
        outputs["mismatches"].ShouldBe(new List<object?>());
    }

    [Fact]
    public async Task Every_kind_of_damage_is_reported_one_line_each()
    {
        var backup = await BackupFixture.MakeAsync(_dir);
        File.WriteAllText(Path.Combine(backup, "node1", "raft.log"), "ENTRIES");
        File.Delete(Path.Combine(backup, ".meta"));
        File.WriteAllBytes(Path.Combine(backup, "node1", "sub dir", "snapshot.bin"), new byte[10]);
        File.WriteAllText(Path.Combine(backup, "stray"), "?");
        var test = new TestContext(_dir.Path);

        var outputs = await new FsVerifyBackup().Execute(test.Context, ("path", backup));

        outputs["ok"].ShouldBe(false);
        outputs["mismatches"].ShouldBe(new List<object?>
        {
            ".meta: missing",
            "node1/raft.log: SHA-256 differs from the manifest",
            "node1/sub dir/snapshot.bin: 10 bytes, the manifest says 3000",
            "stray: not in the manifest",
        });
        test.Log.Entries.ShouldContain(e => e.Level == "warning");
    }

    [Fact]
    public async Task A_folder_without_a_manifest_is_not_a_backup()
    {
        _dir.Write("data/x", "x");

        (await Should.ThrowAsync<ActivityFailure>(() => Verify("data"))).ErrorType.ShouldBe("fs.not-a-backup");
        (await Should.ThrowAsync<ActivityFailure>(() => Verify("nope"))).ErrorType.ShouldBe("fs.not-found");
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    public async Task A_manifest_path_that_could_leave_the_backup_is_refused(string path)
    {
        _dir.Write("evil/MANIFEST.sha256", $"{new string('a', 64)}  1  {path}\n");

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Verify("evil"));

        failure.ErrorType.ShouldBe("fs.not-a-backup");
        failure.Message.ShouldContain("line 1 of MANIFEST.sha256");
    }

    [Fact]
    public async Task Planning_runs_it_for_real_and_says_what_it_found()
    {
        var backup = await BackupFixture.MakeAsync(_dir);

        var plan = await new FsVerifyBackup().Plan(new TestContext(_dir.Path).Context, ("path", backup));

        plan.RanForReal.ShouldBeTrue();
        plan.Summary.ShouldBe($"backup {backup} is intact: 3 files (2.9 KiB)");
    }
}
