using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Files;

public sealed class FsMkdirTests : IDisposable
{
    private const UnixFileMode Rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private TestContext NewContext() => new(_dir.Path);

    [Fact]
    public async Task Creates_the_folder_and_its_missing_parents_with_the_mode_on_the_folder_itself()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var outputs = await new FsMkdir().Execute(NewContext().Context, ("path", "a/b/c"), ("mode", "0700"));

        outputs["path"].ShouldBe(_dir.Combine("a", "b", "c"));
        outputs["created"].ShouldBe(true);
        File.GetUnixFileMode(_dir.Combine("a", "b", "c")).ShouldBe(Rwx);
        File.GetUnixFileMode(_dir.Combine("a")).ShouldNotBe(Rwx);
    }

    [Fact]
    public async Task An_existing_folder_is_fine_and_gets_the_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(_dir.Combine("a"));

        var outputs = await new FsMkdir().Execute(NewContext().Context, ("path", "a"), ("mode", "0700"));

        outputs["created"].ShouldBe(false);
        File.GetUnixFileMode(_dir.Combine("a")).ShouldBe(Rwx);
    }

    [Fact]
    public async Task A_file_in_the_way_fails_as_exists()
    {
        _dir.Write("a/file", "x");

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new FsMkdir().Execute(NewContext().Context, ("path", "a/file/sub")));

        failure.ErrorType.ShouldBe("fs.exists");
        failure.Message.ShouldBe($"{_dir.Combine("a", "file")} exists and is not a folder");
    }

    [Theory]
    [InlineData("750")]
    [InlineData("0o750")]
    [InlineData("0758")]
    [InlineData("rwx")]
    public async Task A_mode_that_is_not_four_octal_digits_is_an_input_error(string mode)
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => new FsMkdir().Execute(NewContext().Context, ("path", "a"), ("mode", mode)));

        error.Input.ShouldBe("mode");
        error.Message.ShouldContain("\"0750\"");
        Directory.Exists(_dir.Combine("a")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_plan_names_each_folder_it_would_create()
    {
        Directory.CreateDirectory(_dir.Combine("a"));

        var plan = await new FsMkdir().Plan(NewContext().Context, ("path", "a/b/c"), ("mode", "0750"));

        Directory.Exists(_dir.Combine("a", "b")).ShouldBeFalse();
        plan.Summary.ShouldBe($"create folder {_dir.Combine("a", "b", "c")} with mode 0750 (1 missing parents too)");
        plan.Effects.ShouldBe(
        [
            new PlannedEffect(EffectKind.Write, _dir.Combine("a", "b"), "new parent folder"),
            new PlannedEffect(EffectKind.Write, _dir.Combine("a", "b", "c"), "new folder with mode 0750"),
        ]);
    }

    [Fact]
    public async Task The_plan_of_an_existing_folder_says_what_changes_if_anything()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(_dir.Combine("a"));
        File.SetUnixFileMode(_dir.Combine("a"), Rwx);

        (await new FsMkdir().Plan(NewContext().Context, ("path", "a"), ("mode", "0700"))).Summary.ShouldBe($"{_dir.Combine("a")} already exists; nothing to do");
        (await new FsMkdir().Plan(NewContext().Context, ("path", "a"), ("mode", "0750"))).Summary.ShouldBe($"{_dir.Combine("a")} exists; change its mode from 0700 to 0750");
        File.GetUnixFileMode(_dir.Combine("a")).ShouldBe(Rwx);
    }
}
