using System.Security.Cryptography;
using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsCopyTests : IDisposable
{
    private static readonly DateTime Then = new(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private readonly TempTree _dir = new();

    public FsCopyTests()
    {
        _dir.Write("data/node1/raft.log", "entries");
        _dir.Write("data/node1/sub dir/snapshot.bin", RandomNumberGenerator.GetBytes(300_000));
        _dir.Write("data/.hidden", "h");
        _dir.Write("data/cache/x.tmp", "scratch");
        Directory.CreateDirectory(_dir.Combine("data", "empty"));
    }

    public void Dispose() => _dir.Dispose();

    private TestContext NewContext(Action<Context.ActivityProgress>? onProgress = null) => new(_dir.Path, onProgress: onProgress);

    private Task<IReadOnlyDictionary<string, object?>> Copy(params (string, object?)[] inputs) => new FsCopy().Execute(NewContext().Context, inputs);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Copies_a_tree_with_hidden_files_and_empty_folders_and_verifies_it()
    {
        var outputs = await Copy(("path", "data"), ("destination", "copy"));

        outputs["destination"].ShouldBe(_dir.Combine("copy"));
        outputs["files"].ShouldBe(4L);
        outputs["bytes"].ShouldBe(300_000L + 7 + 1 + 7);
        outputs["verified"].ShouldBe(true);
        Hash(_dir.Combine("copy", "node1", "sub dir", "snapshot.bin")).ShouldBe(Hash(_dir.Combine("data", "node1", "sub dir", "snapshot.bin")));
        File.ReadAllText(_dir.Combine("copy", ".hidden")).ShouldBe("h");
        Directory.Exists(_dir.Combine("copy", "empty")).ShouldBeTrue();
    }

    [Fact]
    public async Task Modes_and_modification_times_of_files_and_folders_are_kept()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var file = _dir.Combine("data", "node1", "raft.log");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(file, Then);
        File.SetUnixFileMode(_dir.Combine("data", "node1"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.SetLastWriteTimeUtc(_dir.Combine("data", "node1"), Then);

        await Copy(("path", "data"), ("destination", "copy"));

        File.GetUnixFileMode(_dir.Combine("copy", "node1", "raft.log")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetLastWriteTimeUtc(_dir.Combine("copy", "node1", "raft.log")).ShouldBe(Then);
        File.GetUnixFileMode(_dir.Combine("copy", "node1")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetLastWriteTimeUtc(_dir.Combine("copy", "node1")).ShouldBe(Then);
    }

    [Fact]
    public async Task A_single_file_is_copied_to_the_destination_path_creating_its_folder()
    {
        var outputs = await Copy(("path", "data/node1/raft.log"), ("destination", "elsewhere/deeper/raft.copy"));

        outputs["files"].ShouldBe(1L);
        File.ReadAllText(_dir.Combine("elsewhere", "deeper", "raft.copy")).ShouldBe("entries");
    }

    [Fact]
    public async Task Excluded_folders_are_skipped_and_includes_select_files_and_only_the_folders_leading_to_them()
    {
        await Copy(("path", "data"), ("destination", "logs"), ("include", Inputs.List("*.log", "*.tmp")), ("exclude", Inputs.List("cache/")));

        File.Exists(_dir.Combine("logs", "node1", "raft.log")).ShouldBeTrue();
        Directory.Exists(_dir.Combine("logs", "cache")).ShouldBeFalse();
        Directory.Exists(_dir.Combine("logs", "empty")).ShouldBeFalse();
        File.Exists(_dir.Combine("logs", "node1", "sub dir", "snapshot.bin")).ShouldBeFalse();
        Directory.Exists(_dir.Combine("logs", "node1", "sub dir")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_tree_copied_into_itself_is_refused_and_nothing_is_created()
    {
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Copy(("path", "data"), ("destination", "data/node1/copy")));

        failure.ErrorType.ShouldBe("fs.into-itself");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Into_itself_is_seen_through_a_link_to_the_source()
    {
        Directory.CreateSymbolicLink(_dir.Combine("alias"), _dir.Combine("data"));

        (await Should.ThrowAsync<ActivityFailure>(() => Copy(("path", "data"), ("destination", "alias/inner")))).ErrorType.ShouldBe("fs.into-itself");
    }

    [Fact]
    public async Task Existing_files_are_not_overwritten_by_default_and_the_first_is_named_before_anything_is_copied()
    {
        _dir.Write("copy/node1/raft.log", "older");
        _dir.Write("copy/.hidden", "older");
        var before = _dir.Fingerprint();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Copy(("path", "data"), ("destination", "copy")));

        failure.ErrorType.ShouldBe("fs.exists");
        failure.Message.ShouldBe($"{_dir.Combine("copy", ".hidden")} already exists (and 1 more); set overwrite: true to replace");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Overwrite_replaces_files_and_never_writes_through_a_link_in_the_way()
    {
        _dir.Write("copy/node1/raft.log", "older");
        var outside = _dir.Write("outside/precious", "keep me");
        File.CreateSymbolicLink(_dir.Combine("copy", ".hidden"), outside);

        await Copy(("path", "data"), ("destination", "copy"), ("overwrite", true));

        File.ReadAllText(_dir.Combine("copy", "node1", "raft.log")).ShouldBe("entries");
        File.ReadAllText(_dir.Combine("copy", ".hidden")).ShouldBe("h");
        new FileInfo(_dir.Combine("copy", ".hidden")).LinkTarget.ShouldBeNull();
        File.ReadAllText(outside).ShouldBe("keep me");
    }

    [Fact]
    public async Task Links_are_copied_as_links_with_the_same_target_and_never_followed()
    {
        _dir.Write("outside/big.bin", new byte[10_000]);
        Directory.CreateSymbolicLink(_dir.Combine("data", "escape"), _dir.Combine("outside"));
        File.CreateSymbolicLink(_dir.Combine("data", "current"), "node1/raft.log");

        var outputs = await Copy(("path", "data"), ("destination", "copy"));

        outputs["bytes"].ShouldBe(300_015L);
        new FileInfo(_dir.Combine("copy", "escape")).LinkTarget.ShouldBe(_dir.Combine("outside"));
        new FileInfo(_dir.Combine("copy", "current")).LinkTarget.ShouldBe("node1/raft.log");
        File.ReadAllText(_dir.Combine("copy", "current")).ShouldBe("entries");
    }

    [Fact]
    public async Task A_source_changed_while_copying_fails_verification_and_a_new_copy_is_removed()
    {
        var test = NewContext(p =>
        {
            if (p.CurrentItem == "node1/raft.log")
            {
                File.WriteAllText(_dir.Combine("data", "node1", "raft.log"), "ENTRIES");
            }
        });

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new FsCopy().Execute(test.Context, ("path", "data"), ("destination", "copy")));

        failure.ErrorType.ShouldBe("fs.verify-failed");
        failure.Message.ShouldStartWith("1 of 4 copied files differ from their source (SHA-256): node1/raft.log");
        Directory.Exists(_dir.Combine("copy")).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_verify_nothing_is_read_back()
    {
        var test = NewContext();

        var outputs = await new FsCopy().Execute(test.Context, ("path", "data"), ("destination", "copy"), ("verify", false));

        outputs["verified"].ShouldBe(false);
        test.Progress.Reports.ShouldAllBe(p => p.BytesTotal == 300_015);
        test.Progress.Reports.ShouldNotContain(p => p.CurrentItem != null && p.CurrentItem.StartsWith("verifying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_counts_copied_and_verified_bytes_up_to_the_total()
    {
        var test = NewContext();

        await new FsCopy().Execute(test.Context, ("path", "data"), ("destination", "copy"));

        test.Progress.Reports.ShouldContain(p => p.CurrentItem == "node1/sub dir/snapshot.bin");
        test.Progress.Reports[^1].BytesDone.ShouldBe(3 * 300_015L);
        test.Progress.Reports[^1].BytesTotal.ShouldBe(3 * 300_015L);
    }

    [Fact]
    public async Task A_file_larger_than_one_file_copy_call_is_copied_in_chunks_with_progress_inside_it()
    {
        var size = FileCopier.ChunkedAbove + 4097;
        var big = _dir.Combine("big", "segment");
        Directory.CreateDirectory(Path.GetDirectoryName(big)!);
        using (var file = File.Create(big))
        {
            file.Write(RandomNumberGenerator.GetBytes(1 << 20));
            file.SetLength(size);
        }

        File.SetLastWriteTimeUtc(big, Then);
        var test = NewContext();

        await new FsCopy().Execute(test.Context, ("path", "big"), ("destination", "big-copy"), ("verify", false));

        Hash(_dir.Combine("big-copy", "segment")).ShouldBe(Hash(big));
        File.GetLastWriteTimeUtc(_dir.Combine("big-copy", "segment")).ShouldBe(Then);
        test.Progress.Reports.Count(p => p.CurrentItem == "segment").ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task A_large_file_to_another_kind_of_file_system_is_copied_through_a_buffer_when_the_kernel_cannot()
    {
        if (!Directory.Exists("/dev/shm") || Statx.Of("/dev/shm") is not { } shm || Statx.Of(_dir.Path) is not { } here || shm.SameFileSystem(here))
        {
            return;
        }

        var big = _dir.Combine("big", "segment");
        Directory.CreateDirectory(Path.GetDirectoryName(big)!);
        using (var file = File.Create(big))
        {
            file.Write(RandomNumberGenerator.GetBytes(1 << 20));
            file.SetLength(FileCopier.ChunkedAbove + 1);
        }

        var elsewhere = Path.Combine("/dev/shm", "runbook-copy-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outputs = await Copy(("path", big), ("destination", elsewhere));

            outputs["verified"].ShouldBe(true);
            Hash(elsewhere).ShouldBe(Hash(big));
        }
        finally
        {
            File.Delete(elsewhere);
        }
    }

    [Fact]
    public async Task Without_sync_the_copy_is_the_same()
    {
        var outputs = await Copy(("path", "data"), ("destination", "copy"), ("sync", false));

        outputs["files"].ShouldBe(4L);
        File.ReadAllText(_dir.Combine("copy", "node1", "raft.log")).ShouldBe("entries");
    }

    [Fact]
    public async Task Cancelling_mid_copy_removes_the_partial_copy()
    {
        using var cancel = new CancellationTokenSource();
        var test = NewContext(_ => cancel.Cancel());

        await Should.ThrowAsync<OperationCanceledException>(() =>
            ((IActivity)new FsCopy()).ExecuteAsync(Inputs.Of(("path", "data"), ("destination", "copy")), test.Context, cancel.Token));

        Directory.Exists(_dir.Combine("copy")).ShouldBeFalse();
    }

    [Fact]
    public async Task Special_files_become_empty_files_without_being_opened()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [_dir.Combine("data", "pipe")]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var outputs = await Copy(("path", "data"), ("destination", "copy")).WaitAsync(TimeSpan.FromSeconds(30));

        outputs["files"].ShouldBe(5L);
        new FileInfo(_dir.Combine("copy", "pipe")).Length.ShouldBe(0);
    }

    [Fact]
    public async Task The_plan_counts_files_and_bytes_and_copies_nothing()
    {
        var before = _dir.Fingerprint();

        var plan = await new FsCopy().Plan(NewContext().Context, ("path", "data"), ("destination", "copy"), ("exclude", Inputs.List("*.tmp")));

        _dir.Fingerprint().ShouldBe(before);
        plan.Summary.ShouldBe($"copy 3 files (293 KiB) from {_dir.Combine("data")} to {_dir.Combine("copy")}");
        plan.Effects.Select(e => (e.Kind, e.Bytes)).ShouldBe([(EffectKind.Read, 300_008L), (EffectKind.Write, 300_008L)]);
        plan.Destructive.ShouldBeFalse();
        plan.Risks.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_plan_of_an_overwrite_lists_what_would_be_replaced_and_is_destructive()
    {
        _dir.Write("copy/node1/raft.log", "older!");

        var plan = await new FsCopy().Plan(NewContext().Context, ("path", "data"), ("destination", "copy"), ("overwrite", true));

        plan.Effects.ShouldContain(new PlannedEffect(EffectKind.Delete, _dir.Combine("copy", "node1", "raft.log"), "replaced by the copy"));
        plan.Destructive.ShouldBeTrue();
        plan.DataAtStake.ShouldBe($"1 existing entries under {_dir.Combine("copy")} (6 B)");
    }

    [Fact]
    public async Task The_plan_of_a_copy_that_would_fail_says_so()
    {
        _dir.Write("copy/node1/raft.log", "older");

        var plan = await new FsCopy().Plan(NewContext().Context, ("path", "data"), ("destination", "copy"));

        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.High);
        plan.Risks[0].Text.ShouldBe($"{_dir.Combine("copy", "node1", "raft.log")} already exists; set overwrite: true to replace; the step will fail");
    }

    [Fact]
    public async Task A_missing_source_fails_as_not_found()
    {
        (await Should.ThrowAsync<ActivityFailure>(() => Copy(("path", "nope"), ("destination", "copy")))).ErrorType.ShouldBe("fs.not-found");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public async Task Any_degree_of_parallelism_gives_the_same_copy(int parallel)
    {
        var outputs = await Copy(("path", "data"), ("destination", "copy"), ("parallel", parallel));

        outputs["files"].ShouldBe(4L);
        Hash(_dir.Combine("copy", "node1", "sub dir", "snapshot.bin")).ShouldBe(Hash(_dir.Combine("data", "node1", "sub dir", "snapshot.bin")));
    }

    [Fact]
    public async Task A_parallelism_below_one_is_an_input_error()
    {
        (await Should.ThrowAsync<ActivityInputException>(() => Copy(("path", "data"), ("destination", "copy"), ("parallel", 0)))).Input.ShouldBe("parallel");
    }
}
