using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsRestoreBackupTests : IDisposable
{
    private readonly TempTree _dir = new();

    public FsRestoreBackupTests()
    {
        _dir.Write("home/.local/state/runbook/runs/r1/journal.jsonl", "{}");
    }

    public void Dispose() => _dir.Dispose();

    private FsRestoreBackup Activity() => new(new ProtectedPaths(() => [_dir.Combine("home", ".local", "state", "runbook")]));

    private Task<IReadOnlyDictionary<string, object?>> Restore(params (string, object?)[] inputs) => Activity().Execute(new TestContext(_dir.Path).Context, inputs);

    [Fact]
    public async Task Restores_into_a_new_folder_without_the_manifest()
    {
        var backup = await BackupFixture.MakeAsync(_dir);

        var outputs = await Restore(("backup", backup), ("target", "restored"));

        File.ReadAllText(_dir.Combine("restored", "node1", "raft.log")).ShouldBe("entries");
        File.Exists(_dir.Combine("restored", "MANIFEST.sha256")).ShouldBeFalse();
        outputs["files"].ShouldBe(3L);
        outputs["bytes"].ShouldBe(3008L);
        outputs["alreadyRestored"].ShouldBe(false);
    }

    [Fact]
    public async Task A_non_empty_target_is_refused_unless_replace_and_nothing_is_touched()
    {
        var backup = await BackupFixture.MakeAsync(_dir);
        _dir.Write("target/newer.log", "newer data");
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Restore(("backup", backup), ("target", "target")));

        failure.ErrorType.ShouldBe("fs.not-empty");
        failure.Message.ShouldBe($"{_dir.Combine("target")} is not empty (1 files, 10 B; first: newer.log); set replace: true to replace its content");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Replace_removes_what_was_there_keeping_the_folder_and_not_following_links()
    {
        var backup = await BackupFixture.MakeAsync(_dir);
        _dir.Write("target/newer.log", "newer data");
        _dir.Write("outside/precious", "keep");
        Directory.CreateSymbolicLink(_dir.Combine("target", "escape"), _dir.Combine("outside"));

        var outputs = await Restore(("backup", backup), ("target", "target"), ("replace", true));

        Directory.EnumerateFileSystemEntries(_dir.Combine("target")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe([".meta", "node1"]);
        File.ReadAllText(_dir.Combine("outside", "precious")).ShouldBe("keep");
        outputs["replacedFiles"].ShouldBe(2L);
        outputs["replacedBytes"].ShouldBe(10L);
    }

    [Fact]
    public async Task Run_again_it_finds_the_backup_already_there_and_changes_nothing()
    {
        var backup = await BackupFixture.MakeAsync(_dir);
        await Restore(("backup", backup), ("target", "restored"));
        var before = _dir.Fingerprint();

        var outputs = await Restore(("backup", backup), ("target", "restored"));

        outputs["alreadyRestored"].ShouldBe(true);
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_before_anything_is_touched()
    {
        var backup = await BackupFixture.MakeAsync(_dir);
        File.WriteAllText(Path.Combine(backup, "node1", "raft.log"), "ENTRIES");
        _dir.Write("target/current", "live data");
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Restore(("backup", backup), ("target", "target"), ("replace", true)));

        failure.ErrorType.ShouldBe("fs.backup-corrupt");
        failure.Message.ShouldContain("node1/raft.log: SHA-256 differs from the manifest");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task The_state_directory_and_the_backup_itself_are_never_targets()
    {
        var backup = await BackupFixture.MakeAsync(_dir);

        (await Should.ThrowAsync<ActivityFailure>(() => Restore(("backup", backup), ("target", "home"), ("replace", true)))).ErrorType.ShouldBe("fs.protected");
        (await Should.ThrowAsync<ActivityFailure>(() => Restore(("backup", backup), ("target", "backups"), ("replace", true)))).ErrorType.ShouldBe("fs.into-itself");
        File.Exists(_dir.Combine("home", ".local", "state", "runbook", "runs", "r1", "journal.jsonl")).ShouldBeTrue();
    }

    [Fact]
    public async Task The_plan_lists_what_would_be_replaced_and_touches_nothing()
    {
        var backup = await BackupFixture.MakeAsync(_dir);
        _dir.Write("target/newer.log", "newer data");
        var before = _dir.Fingerprint();

        var plan = await Activity().Plan(new TestContext(_dir.Path).Context, ("backup", backup), ("target", "target"), ("replace", true));

        _dir.Fingerprint().ShouldBe(before);
        plan.Destructive.ShouldBeTrue();
        plan.Summary.ShouldBe($"restore 3 files (2.9 KiB) from {backup} into {_dir.Combine("target")}, replacing 1 files (10 B) now there");
        plan.Effects.ShouldContain(new PlannedEffect(EffectKind.Delete, _dir.Combine("target", "newer.log"), "replaced by the backup", 10));
        plan.DataAtStake.ShouldBe($"1 files (10 B) in {_dir.Combine("target")}");
    }

    [Fact]
    public async Task The_plan_of_a_refused_restore_says_the_step_will_fail()
    {
        var backup = await BackupFixture.MakeAsync(_dir);
        _dir.Write("target/newer.log", "newer data");

        var plan = await Activity().Plan(new TestContext(_dir.Path).Context, ("backup", backup), ("target", "target"));

        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.High);
        plan.Risks[0].Text.ShouldStartWith($"{_dir.Combine("target")} is not empty");
    }
}
