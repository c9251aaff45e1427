using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsWriteTests : IDisposable
{
    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private TestContext NewContext(IEnumerable<string>? secrets = null) => new(_dir.Path, secrets);

    private Task<IReadOnlyDictionary<string, object?>> Write(params (string, object?)[] inputs) => new FsWrite().Execute(NewContext().Context, inputs);

    [Fact]
    public async Task Writes_a_new_file_and_leaves_no_temporary_file_behind()
    {
        Directory.CreateDirectory(_dir.Combine("conf"));

        var outputs = await Write(("path", "conf/node.yaml"), ("content", "address: 127.0.0.1:9000\n"));

        File.ReadAllText(_dir.Combine("conf", "node.yaml")).ShouldBe("address: 127.0.0.1:9000\n");
        outputs["path"].ShouldBe(_dir.Combine("conf", "node.yaml"));
        outputs["bytes"].ShouldBe(24L);
        Directory.GetFiles(_dir.Combine("conf")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Replacing_is_a_rename_so_a_reader_holding_the_old_file_still_sees_the_old_content()
    {
        var path = _dir.Write("node.yaml", "old");
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        await Write(("path", "node.yaml"), ("content", "new content"));

        new StreamReader(reader).ReadToEnd().ShouldBe("old");
        File.ReadAllText(path).ShouldBe("new content");
    }

    [Fact]
    public async Task The_existing_mode_is_kept_unless_a_mode_is_given()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _dir.Write("secret.conf", "old");
        File.SetUnixFileMode(path, ReadWrite);

        await Write(("path", "secret.conf"), ("content", "new"));
        File.GetUnixFileMode(path).ShouldBe(ReadWrite);

        await Write(("path", "secret.conf"), ("content", "newer"), ("mode", "0640"));
        File.GetUnixFileMode(path).ShouldBe(ReadWrite | UnixFileMode.GroupRead);
    }

    [Fact]
    public async Task Append_adds_after_the_existing_content()
    {
        _dir.Write("log.txt", "one\n");

        var outputs = await Write(("path", "log.txt"), ("content", "two\n"), ("append", true));

        File.ReadAllText(_dir.Combine("log.txt")).ShouldBe("one\ntwo\n");
        outputs["bytes"].ShouldBe(8L);
    }

    [Fact]
    public async Task A_link_is_followed_and_stays_a_link()
    {
        var shared = _dir.Write("shared/node.yaml", "old");
        File.CreateSymbolicLink(_dir.Combine("node.yaml"), shared);

        var outputs = await Write(("path", "node.yaml"), ("content", "new"));

        outputs["path"].ShouldBe(shared);
        File.ReadAllText(shared).ShouldBe("new");
        new FileInfo(_dir.Combine("node.yaml")).LinkTarget.ShouldBe(shared);
    }

    [Fact]
    public async Task A_missing_folder_or_a_folder_at_the_path_fails_clearly()
    {
        (await Should.ThrowAsync<ActivityFailure>(() => Write(("path", "nope/x.yaml"), ("content", "x")))).ErrorType.ShouldBe("fs.not-found");

        Directory.CreateDirectory(_dir.Combine("folder"));
        (await Should.ThrowAsync<ActivityFailure>(() => Write(("path", "folder"), ("content", "x")))).ErrorType.ShouldBe("fs.exists");
    }

    [Fact]
    public async Task The_plan_gives_sizes_never_the_content_and_writes_nothing()
    {
        _dir.Write("node.yaml", "old content");
        var before = _dir.Fingerprint();

        var plan = await new FsWrite().Plan(NewContext(["hunter2"]).Context, ("path", "node.yaml"), ("content", "password: hunter2"), ("mode", "0600"));

        _dir.Fingerprint().ShouldBe(before);
        plan.Summary.ShouldBe($"replace the 11 B of {_dir.Combine("node.yaml")} with 17 B, mode 0600");
        plan.Effects.ShouldBe([new PlannedEffect(EffectKind.Write, _dir.Combine("node.yaml"), "replace", 17)]);
        plan.Destructive.ShouldBeTrue();
        System.Text.Json.JsonSerializer.Serialize(plan).ShouldNotContain("password");
    }

    [Fact]
    public async Task The_plan_of_a_new_file_or_an_append()
    {
        _dir.Write("log.txt", "one\n");

        (await new FsWrite().Plan(NewContext().Context, ("path", "new.txt"), ("content", "abc"))).Summary.ShouldBe($"create {_dir.Combine("new.txt")} with 3 B");
        var append = await new FsWrite().Plan(NewContext().Context, ("path", "log.txt"), ("content", "two\n"), ("append", true));
        append.Summary.ShouldBe($"append 4 B to {_dir.Combine("log.txt")} (4 B now)");
        append.Destructive.ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_folder_in_a_plan_is_a_medium_risk_since_an_earlier_step_may_create_it()
    {
        var plan = await new FsWrite().Plan(NewContext().Context, ("path", "later/x.yaml"), ("content", "x"));

        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.Medium);
        plan.Risks[0].Text.ShouldBe($"the folder {_dir.Combine("later")} does not exist; create it first (fs.mkdir); unless an earlier step creates it, the step will fail");
    }
}
