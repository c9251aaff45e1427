using System.Security.Cryptography;
using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsBackupTests : IDisposable
{
    private const string Stamp = "20250102T030405Z";
    private readonly TempTree _dir = new();

    public FsBackupTests()
    {
        _dir.Write("data/node1/raft.log", "entries");
        _dir.Write("data/node1/sub dir/snapshot.bin", RandomNumberGenerator.GetBytes(300_000));
        _dir.Write("data/.hidden", "h");
        Directory.CreateDirectory(_dir.Combine("data", "empty"));
    }

    public void Dispose() => _dir.Dispose();

    private TestContext NewContext(Action<Context.ActivityProgress>? onProgress = null) =>
        new(_dir.Path, time: new FakeTimeProvider(), onProgress: onProgress);

    [Fact]
    public async Task Copies_the_tree_beside_the_source_under_a_utc_timestamp()
    {
        var outputs = await new FsBackup().Execute(NewContext().Context, ("path", "data"));

        var backup = _dir.Combine($"data-{Stamp}");
        outputs["backupPath"].ShouldBe(backup);
        outputs["files"].ShouldBe(3L);
        outputs["bytes"].ShouldBe(300_000L + 7 + 1);
        File.ReadAllText(Path.Combine(backup, "node1", "raft.log")).ShouldBe("entries");
        File.ReadAllBytes(Path.Combine(backup, "node1", "sub dir", "snapshot.bin")).ShouldBe(File.ReadAllBytes(_dir.Combine("data", "node1", "sub dir", "snapshot.bin")));
        Directory.Exists(backup + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task The_manifest_lists_every_file_with_a_size_and_hash_that_verify()
    {
        var backup = (string)(await new FsBackup().Execute(NewContext().Context, ("path", "data")))["backupPath"]!;

        var manifest = BackupManifest.Read(Path.Combine(backup, BackupManifest.FileName));

        manifest.Select(e => e.RelativePath).ShouldBe([".hidden", "node1/raft.log", "node1/sub dir/snapshot.bin"]);
        foreach (var entry in manifest)
        {
            var copy = Path.Combine(backup, entry.RelativePath);
            new FileInfo(copy).Length.ShouldBe(entry.Size);
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(copy))).ShouldBe(entry.Sha256);
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_dir.Combine("data", entry.RelativePath)))).ShouldBe(entry.Sha256);
        }

        File.ReadAllLines(Path.Combine(backup, BackupManifest.FileName))[2]
            .ShouldBe($"{Convert.ToHexStringLower(SHA256.HashData("entries"u8.ToArray()))}  7  node1/raft.log");
    }

    [Fact]
    public async Task File_permissions_and_modification_times_are_kept()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var source = _dir.Combine("data", "node1", "raft.log");
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(source, new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc));

        var backup = (string)(await new FsBackup().Execute(NewContext().Context, ("path", "data")))["backupPath"]!;

        var copy = Path.Combine(backup, "node1", "raft.log");
        File.GetUnixFileMode(copy).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetLastWriteTimeUtc(copy).ShouldBe(new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_destination_puts_the_backup_under_it()
    {
        var outputs = await new FsBackup().Execute(NewContext().Context, ("path", "data/node1"), ("destination", "backups/here"));

        outputs["backupPath"].ShouldBe(_dir.Combine("backups", "here", $"node1-{Stamp}"));
        File.Exists(_dir.Combine("backups", "here", $"node1-{Stamp}", "raft.log")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_single_file_can_be_backed_up()
    {
        var outputs = await new FsBackup().Execute(NewContext().Context, ("path", "data/node1/raft.log"));

        outputs["files"].ShouldBe(1L);
        File.ReadAllText(Path.Combine((string)outputs["backupPath"]!, "raft.log")).ShouldBe("entries");
    }

    [Fact]
    public async Task A_missing_source_is_refused_and_nothing_is_created()
    {
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new FsBackup().Execute(NewContext().Context, ("path", "nope")));

        failure.ErrorType.ShouldBe("fs.not-found");
        failure.Retryable.ShouldBeFalse();
        failure.Message.ShouldBe($"nothing to back up: {_dir.Combine("nope")} does not exist");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task An_existing_backup_is_never_overwritten()
    {
        Directory.CreateDirectory(_dir.Combine($"data-{Stamp}"));

        (await Should.ThrowAsync<ActivityFailure>(() => new FsBackup().Execute(NewContext().Context, ("path", "data")))).ErrorType.ShouldBe("fs.exists");
    }

    [Fact]
    public async Task A_backup_inside_its_own_source_is_refused()
    {
        (await Should.ThrowAsync<ActivityFailure>(() => new FsBackup().Execute(NewContext().Context, ("path", "data"), ("destination", "data/backups"))))
            .ErrorType.ShouldBe("fs.backup-inside-source");
    }

    [Fact]
    public async Task Links_are_not_followed_or_copied_and_each_is_reported()
    {
        _dir.Write("outside/secret-elsewhere.bin", "not ours");
        Directory.CreateSymbolicLink(_dir.Combine("data", "escape"), _dir.Combine("outside"));
        var test = NewContext();

        var outputs = await new FsBackup().Execute(test.Context, ("path", "data"));

        outputs["files"].ShouldBe(3L);
        Path.Exists(Path.Combine((string)outputs["backupPath"]!, "escape")).ShouldBeFalse();
        test.Log.Entries.ShouldContain(e => e.Level == "warning" && e.Rendered.Contains("escape"));
    }

    [Fact]
    public async Task Special_files_are_never_opened_so_a_fifo_cannot_hang_the_backup()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [_dir.Combine("data", "pipe")]))
        {
            await mkfifo.WaitForExitAsync();
            mkfifo.ExitCode.ShouldBe(0);
        }

        var outputs = await new FsBackup().Execute(NewContext().Context, ("path", "data")).WaitAsync(TimeSpan.FromSeconds(30));

        outputs["files"].ShouldBe(4L);
    }

    [Fact]
    public async Task Progress_reports_bytes_and_the_current_file()
    {
        var test = NewContext();

        await new FsBackup().Execute(test.Context, ("path", "data"));

        test.Progress.Reports.ShouldContain(p => p.CurrentItem == "node1/sub dir/snapshot.bin" && p.BytesTotal == 300_008);
        test.Progress.Reports[^1].BytesDone.ShouldBe(300_008);
    }

    [Fact]
    public async Task Cancelling_mid_copy_leaves_no_partial_backup()
    {
        using var cancel = new CancellationTokenSource();
        var test = NewContext(p =>
        {
            if (p.CurrentItem == "node1/raft.log")
            {
                cancel.Cancel();
            }
        });
        var before = _dir.Fingerprint();

        await Should.ThrowAsync<OperationCanceledException>(() => ((IActivity)new FsBackup()).ExecuteAsync(Inputs.Of(("path", "data")), test.Context, cancel.Token));

        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task The_plan_counts_files_and_bytes_without_copying()
    {
        var before = _dir.Fingerprint();

        var plan = await new FsBackup().Plan(NewContext().Context, ("path", "data"), ("destination", "backups"));

        _dir.Fingerprint().ShouldBe(before);
        plan.Summary.ShouldBe($"copy 3 files (293 KiB) from {_dir.Combine("data")} to {_dir.Combine("backups", "data-<UTC timestamp>")}");
        plan.Effects.Select(e => (e.Kind, e.Bytes)).ShouldBe([(EffectKind.Read, 300_008L), (EffectKind.Write, 300_008L)]);
        plan.Risks.ShouldBeEmpty();
        plan.RanForReal.ShouldBeFalse();
    }

    [Fact]
    public async Task The_plan_of_a_missing_source_says_the_step_will_fail()
    {
        var plan = await new FsBackup().Plan(NewContext().Context, ("path", "nope"));

        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.High);
        plan.Risks[0].Text.ShouldEndWith("does not exist; the step will fail");
    }
}
