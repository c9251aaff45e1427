using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsMoveTests : IDisposable
{
    private readonly TempTree _dir = new();

    public FsMoveTests()
    {
        _dir.Write("data/node1/raft.log", new byte[100]);
        _dir.Write("data/node1/.meta", "m");
        _dir.Write("home/.local/state/runbook/runs/r1/journal.jsonl", "{}");
    }

    public void Dispose() => _dir.Dispose();

    private FsMove Activity() => new(new ProtectedPaths(() => [_dir.Combine("home", ".local", "state", "runbook")]));

    private Task<IReadOnlyDictionary<string, object?>> Move(params (string, object?)[] inputs) => Activity().Execute(new TestContext(_dir.Path).Context, inputs);

    [Fact]
    public async Task Renames_a_folder_creating_missing_parents()
    {
        var outputs = await Move(("path", "data/node1"), ("destination", "old/node1"));

        Directory.Exists(_dir.Combine("data", "node1")).ShouldBeFalse();
        File.ReadAllText(_dir.Combine("old", "node1", ".meta")).ShouldBe("m");
        outputs["destination"].ShouldBe(_dir.Combine("old", "node1"));
        outputs["files"].ShouldBe(2L);
        outputs["bytes"].ShouldBe(101L);
        outputs["copied"].ShouldBe(false);
    }

    [Fact]
    public async Task A_file_is_not_moved_onto_another_unless_overwrite()
    {
        _dir.Write("target.log", "older");

        (await Should.ThrowAsync<ActivityFailure>(() => Move(("path", "data/node1/.meta"), ("destination", "target.log")))).ErrorType.ShouldBe("fs.exists");
        File.ReadAllText(_dir.Combine("target.log")).ShouldBe("older");

        await Move(("path", "data/node1/.meta"), ("destination", "target.log"), ("overwrite", true));
        File.ReadAllText(_dir.Combine("target.log")).ShouldBe("m");
    }

    [Fact]
    public async Task A_folder_is_never_moved_onto_an_existing_one()
    {
        Directory.CreateDirectory(_dir.Combine("taken"));

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Move(("path", "data/node1"), ("destination", "taken"), ("overwrite", true)));

        failure.ErrorType.ShouldBe("fs.exists");
        Directory.Exists(_dir.Combine("data", "node1")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_folder_cannot_be_moved_into_itself()
    {
        (await Should.ThrowAsync<ActivityFailure>(() => Move(("path", "data"), ("destination", "data/node1/data")))).ErrorType.ShouldBe("fs.into-itself");
    }

    [Fact]
    public async Task A_link_is_moved_as_a_link()
    {
        File.CreateSymbolicLink(_dir.Combine("current"), "data/node1");

        await Move(("path", "current"), ("destination", "previous"));

        new FileInfo(_dir.Combine("previous")).LinkTarget.ShouldBe("data/node1");
        Directory.Exists(_dir.Combine("data", "node1")).ShouldBeTrue();
    }

    [Fact]
    public async Task The_state_directory_is_neither_moved_away_nor_replaced()
    {
        var before = _dir.Fingerprint();

        (await Should.ThrowAsync<ActivityFailure>(() => Move(("path", "home/.local/state/runbook"), ("destination", "elsewhere")))).ErrorType.ShouldBe("fs.protected");
        (await Should.ThrowAsync<ActivityFailure>(() => Move(("path", "home"), ("destination", "elsewhere")))).ErrorType.ShouldBe("fs.protected");
        (await Should.ThrowAsync<ActivityFailure>(() => Move(("path", "data/node1/.meta"), ("destination", "home/.local/state/runbook/runs/r1/journal.jsonl"), ("overwrite", true))))
            .ErrorType.ShouldBe("fs.protected");
        _dir.Fingerprint().ShouldBe(before);
    }

    [Fact]
    public async Task Across_file_systems_it_copies_verifies_and_then_removes_the_source()
    {
        if (!Directory.Exists("/dev/shm") || Statx.Of("/dev/shm") is not { } shm || Statx.Of(_dir.Path) is not { } here || shm.SameFileSystem(here))
        {
            return;
        }

        var elsewhere = Path.Combine("/dev/shm", "runbook-move-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outputs = await Move(("path", "data/node1"), ("destination", elsewhere));

            outputs["copied"].ShouldBe(true);
            File.ReadAllBytes(Path.Combine(elsewhere, "raft.log")).Length.ShouldBe(100);
            Directory.Exists(_dir.Combine("data", "node1")).ShouldBeFalse();
        }
        finally
        {
            if (Directory.Exists(elsewhere))
            {
                Directory.Delete(elsewhere, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_plan_says_how_it_would_move_and_moves_nothing()
    {
        var before = _dir.Fingerprint();

        var plan = await Activity().Plan(new TestContext(_dir.Path).Context, ("path", "data/node1"), ("destination", "old/node1"));

        _dir.Fingerprint().ShouldBe(before);
        plan.Summary.ShouldBe($"move {_dir.Combine("data", "node1")} (2 files, 101 B) to {_dir.Combine("old", "node1")}: a rename on one file system");
        plan.Effects.Select(e => e.Kind).ShouldBe([EffectKind.Delete, EffectKind.Write]);
        plan.Destructive.ShouldBeFalse();
    }

    [Fact]
    public async Task The_plan_of_a_replacing_move_is_destructive()
    {
        _dir.Write("target.log", "older");

        var plan = await Activity().Plan(new TestContext(_dir.Path).Context, ("path", "data/node1/.meta"), ("destination", "target.log"), ("overwrite", true));

        plan.Destructive.ShouldBeTrue();
        plan.DataAtStake.ShouldBe($"the current {_dir.Combine("target.log")} (5 B)");
    }
}
