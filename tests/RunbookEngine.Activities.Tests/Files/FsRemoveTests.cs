using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;
using RunbookEngine.Runs;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsRemoveTests : IDisposable
{
    private readonly TempTree _dir = new();

    public FsRemoveTests()
    {
        _dir.Write("data/node2/raft.log", new byte[1000]);
        _dir.Write("data/node2/snapshots/1.snap", new byte[200]);
        _dir.Write("data/node2/.meta", new byte[3]);
        _dir.Write("data/node1/raft.log", new byte[10]);
        _dir.Write("outside/precious.bin", new byte[50]);
        _dir.Write("home/.local/state/runbook/runs/r1/journal.jsonl", "{}");
    }

    public void Dispose() => _dir.Dispose();

    private string StateDirectory => _dir.Combine("home", ".local", "state", "runbook");

    /// <summary>fs.remove with the test's own state directory, so refusing it is tested without going near the real one.</summary>
    private FsRemove Activity() => new(new ProtectedPaths(() => [StateDirectory]));

    private TestContext NewContext() => new(_dir.Path);

    private Task<IReadOnlyDictionary<string, object?>> Remove(object paths, params string[] roots) =>
        Activity().Execute(NewContext().Context, ("paths", paths is string one ? Inputs.List(one) : paths), ("roots", Inputs.List([.. roots])));

    private async Task<ActivityFailure> Refused(object paths, params string[] roots)
    {
        var before = _dir.Fingerprint();
        var failure = await Should.ThrowAsync<ActivityFailure>(() => Remove(paths, roots));
        _dir.Fingerprint().ShouldBe(before, "nothing may be removed when the step is refused");
        failure.Retryable.ShouldBeFalse();
        return failure;
    }

    [Fact]
    public async Task Removes_a_folder_with_everything_below_it()
    {
        var outputs = await Remove("data/node2", "data");

        Directory.Exists(_dir.Combine("data", "node2")).ShouldBeFalse();
        File.Exists(_dir.Combine("data", "node1", "raft.log")).ShouldBeTrue();
        outputs["files"].ShouldBe(3L);
        outputs["folders"].ShouldBe(2L);
        outputs["bytes"].ShouldBe(1203L);
        outputs["removed"].ShouldBe(new List<object?> { _dir.Combine("data", "node2") });
    }

    [Fact]
    public async Task A_glob_removes_what_it_matches_dot_files_included_and_nothing_else()
    {
        var outputs = await Remove("data/node2/*", "data/node2");

        Directory.Exists(_dir.Combine("data", "node2")).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(_dir.Combine("data", "node2")).ShouldBeEmpty();
        outputs["files"].ShouldBe(3L);
    }

    [Fact]
    public async Task A_double_star_glob_matches_at_any_depth()
    {
        await Remove("data/**/raft.log", "data");

        File.Exists(_dir.Combine("data", "node1", "raft.log")).ShouldBeFalse();
        File.Exists(_dir.Combine("data", "node2", "raft.log")).ShouldBeFalse();
        File.Exists(_dir.Combine("data", "node2", "snapshots", "1.snap")).ShouldBeTrue();
    }

    [Fact]
    public async Task Nothing_to_remove_is_success_so_a_rerun_is_harmless()
    {
        await Remove("data/node2", "data");

        var outputs = await Remove("data/node2", "data");

        outputs["files"].ShouldBe(0L);
    }

    [Fact]
    public async Task MustExist_makes_a_path_that_matches_nothing_a_failure()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() =>
            Activity().Execute(NewContext().Context, ("paths", Inputs.List("data/nope*")), ("roots", Inputs.List("data")), ("mustExist", true)));

        failure.ErrorType.ShouldBe("fs.not-found");
    }

    [Fact]
    public async Task A_path_outside_the_roots_is_refused_and_nothing_is_removed_not_even_what_is_inside()
    {
        var failure = await Refused(Inputs.List("data/node2", "outside/precious.bin"), "data");

        failure.ErrorType.ShouldBe("fs.outside-roots");
        failure.Message.ShouldBe($"refusing to remove {_dir.Combine("outside", "precious.bin")}: it is outside the declared roots ({_dir.Combine("data")})");
    }

    [Fact]
    public async Task Dot_dot_cannot_climb_out_of_the_roots()
    {
        (await Refused("data/node2/../../outside", "data/node2")).ErrorType.ShouldBe("fs.outside-roots");
    }

    [Fact]
    public async Task A_root_that_is_only_a_prefix_of_the_path_does_not_contain_it()
    {
        _dir.Write("data/node2-old/x", "x");

        (await Refused("data/node2-old", "data/node2")).ErrorType.ShouldBe("fs.outside-roots");
    }

    [Fact]
    public async Task The_file_system_root_is_refused_as_a_path_and_as_a_root()
    {
        (await Refused("/", "data")).ErrorType.ShouldBe("fs.protected");

        // A root of / is refused before anything is looked at, even for a path that would be fine.
        var failure = await Refused("data/node2/raft.log", "/");
        failure.ErrorType.ShouldBe("fs.protected");
        failure.Message.ShouldContain("root / is the root of the file system");
    }

    [Fact]
    public async Task The_state_directory_what_is_in_it_and_what_contains_it_are_refused()
    {
        (await Refused(StateDirectory, _dir.Path)).ErrorType.ShouldBe("fs.protected");
        (await Refused(Path.Combine(StateDirectory, "runs", "r1"), _dir.Path)).Message.ShouldBe(
            $"refusing to touch {Path.Combine(StateDirectory, "runs", "r1")}: it is in the runbook state directory {StateDirectory}, which holds the runs' journals");
        (await Refused("home", _dir.Path)).Message.ShouldBe($"refusing to touch {_dir.Combine("home")}: it contains the runbook state directory {StateDirectory}, which holds the runs' journals");
        (await Refused("home/**/journal.jsonl", _dir.Path)).ErrorType.ShouldBe("fs.protected");
    }

    [Fact]
    public async Task The_real_state_directory_is_protected_by_default()
    {
        // Planning only: a plan never removes anything, whatever it decides.
        var state = DefaultStateDirectory.Resolve(null);

        var plan = await new FsRemove().Plan(NewContext().Context, ("paths", Inputs.List(state)), ("roots", Inputs.List(Path.GetDirectoryName(state)!)));

        plan.Risks.ShouldHaveSingleItem().Text.ShouldStartWith($"refusing to touch {RealPath.Of(state)}: it is the runbook state directory");
        plan.Effects.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_link_inside_the_roots_is_removed_as_a_link_and_its_target_outside_survives()
    {
        Directory.CreateSymbolicLink(_dir.Combine("data", "node2", "escape"), _dir.Combine("outside"));
        File.CreateSymbolicLink(_dir.Combine("data", "node2", "file-link"), _dir.Combine("outside", "precious.bin"));

        var outputs = await Remove(Inputs.List("data/node2"), "data/node2");

        Path.Exists(_dir.Combine("data", "node2")).ShouldBeFalse();
        File.ReadAllBytes(_dir.Combine("outside", "precious.bin")).Length.ShouldBe(50);
        outputs["bytes"].ShouldBe(1203L);
    }

    [Fact]
    public async Task A_glob_matching_a_link_to_a_folder_outside_removes_the_link_only()
    {
        Directory.CreateSymbolicLink(_dir.Combine("data", "node2", "escape"), _dir.Combine("outside"));

        await Remove("data/node2/*", "data/node2");

        File.Exists(_dir.Combine("outside", "precious.bin")).ShouldBeTrue();
        Path.Exists(_dir.Combine("data", "node2", "escape")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_path_through_a_link_that_leads_out_of_the_roots_is_refused()
    {
        Directory.CreateSymbolicLink(_dir.Combine("data", "node2", "escape"), _dir.Combine("outside"));

        var failure = await Refused("data/node2/escape/precious.bin", "data/node2");

        failure.ErrorType.ShouldBe("fs.outside-roots");
        failure.Message.ShouldContain($"(really {_dir.Combine("outside", "precious.bin")})");
    }

    [Fact]
    public async Task A_glob_through_a_link_that_leads_out_of_the_roots_is_refused()
    {
        Directory.CreateSymbolicLink(_dir.Combine("data", "node2", "escape"), _dir.Combine("outside"));

        (await Refused("data/node2/escape/*", "data/node2")).ErrorType.ShouldBe("fs.outside-roots");
    }

    [Fact]
    public async Task A_root_that_is_a_link_is_the_folder_it_points_at()
    {
        Directory.CreateSymbolicLink(_dir.Combine("current"), _dir.Combine("data", "node2"));

        await Remove(_dir.Combine("data", "node2", "raft.log"), "current");

        File.Exists(_dir.Combine("data", "node2", "raft.log")).ShouldBeFalse();
    }

    [Fact]
    public async Task Missing_roots_and_malformed_globs_are_input_errors()
    {
        var noRoots = await Should.ThrowAsync<ActivityInputException>(() => Remove("data/node2"));
        noRoots.Input.ShouldBe("roots");

        var badGlob = await Should.ThrowAsync<ActivityInputException>(() => Remove(Inputs.List("data/node1", "data/[x"), "data"));
        badGlob.Input.ShouldBe("paths[1]");
    }

    [Fact]
    public async Task The_plan_lists_every_file_with_its_size_and_the_total_and_removes_nothing()
    {
        File.CreateSymbolicLink(_dir.Combine("data", "node2", "link"), _dir.Combine("outside", "precious.bin"));
        var before = _dir.Fingerprint();

        var plan = await Activity().Plan(NewContext().Context, ("paths", Inputs.List("data/node2", "data/node3")), ("roots", Inputs.List("data")));

        _dir.Fingerprint().ShouldBe(before);
        plan.Destructive.ShouldBeTrue();
        plan.Summary.ShouldBe($"remove 4 files (1.2 KiB) and 2 folders: {_dir.Combine("data", "node2")}");
        plan.DataAtStake.ShouldBe("4 files (1.2 KiB) and 2 folders");
        plan.Effects.Select(e => (e.Kind, e.Target, e.Bytes)).ShouldBe(
        [
            (EffectKind.Delete, _dir.Combine("data", "node2", ".meta"), 3L),
            (EffectKind.Delete, _dir.Combine("data", "node2", "link"), 0L),
            (EffectKind.Delete, _dir.Combine("data", "node2", "raft.log"), 1000L),
            (EffectKind.Delete, _dir.Combine("data", "node2", "snapshots", "1.snap"), 200L),
            (EffectKind.Delete, _dir.Combine("data", "node2"), null),
        ]);
        plan.Risks.ShouldHaveSingleItem().Text.ShouldBe("data/node3 matches nothing");
    }

    [Fact]
    public async Task The_plan_of_a_refused_removal_says_the_step_will_fail()
    {
        var plan = await Activity().Plan(NewContext().Context, ("paths", Inputs.List("outside")), ("roots", Inputs.List("data")));

        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.High);
        plan.Risks[0].Text.ShouldEndWith("; the step will fail");
        plan.Effects.ShouldBeEmpty();
    }
}
