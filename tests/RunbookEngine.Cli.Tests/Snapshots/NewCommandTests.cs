using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>'runbook new' scaffolds a runbook that validates, and refuses to overwrite without --force.</summary>
public sealed class NewCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task New_writes_a_runbook_and_a_test_that_validate()
    {
        Directory.CreateDirectory(_dir.Combine("tests"));

        var result = await New();

        result.ShouldMatchSnapshot("new");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        _dir.Files().ShouldBe(["runbooks/demo/repair-node.yaml", "tests/Scaffolded/DemoRepairNodeTests.cs"]);
        Snapshot.Match("new-runbook-yaml", File.ReadAllText(_dir.Combine("runbooks/demo/repair-node.yaml")));

        var validate = await CliRunner.RunAsync(_dir.Path, "validate", "runbooks/demo/repair-node.yaml", "--catalog", "runbooks");
        validate.ExitCode.ShouldBe(ExitCodes.Success, validate.ToSnapshot());
        validate.Stderr.ShouldBeEmpty();
        validate.Stdout.ShouldBe("1 runbook valid\n");
    }

    [Fact]
    public async Task New_without_a_tests_folder_writes_only_the_runbook()
    {
        var result = await New();

        result.ShouldMatchSnapshot("new-without-tests-folder");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        _dir.Files().ShouldBe(["runbooks/demo/repair-node.yaml"]);
    }

    [Fact]
    public async Task New_again_without_force_exits_2_and_writes_nothing()
    {
        Directory.CreateDirectory(_dir.Combine("tests"));
        (await New()).ExitCode.ShouldBe(ExitCodes.Success);
        var edited = _dir.Write("runbooks/demo/repair-node.yaml", "# edited by hand\n");
        var before = _dir.Files();

        var result = await New();

        result.ShouldMatchSnapshot("new-exists");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stdout.ShouldBeEmpty();
        result.ShouldNotShowStackTrace();
        _dir.Files().ShouldBe(before);
        File.ReadAllText(edited).ShouldBe("# edited by hand\n");
    }

    [Fact]
    public async Task New_with_force_overwrites()
    {
        Directory.CreateDirectory(_dir.Combine("tests"));
        (await New()).ExitCode.ShouldBe(ExitCodes.Success);
        var edited = _dir.Write("runbooks/demo/repair-node.yaml", "# edited by hand\n");

        var result = await New("--force");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        File.ReadAllText(edited).ShouldStartWith("# yaml-language-server:");
    }

    [Fact]
    public async Task New_with_an_invalid_name_exits_2()
    {
        var result = await CliRunner.RunAsync(_dir.Path, "new", "Demo/Repair_Node", "--catalog", "runbooks", "--tests-dir", "tests");

        result.ShouldMatchSnapshot("new-invalid-name");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        _dir.Files().ShouldBeEmpty();
    }

    [Fact]
    public async Task New_with_a_version_exits_2()
    {
        var result = await CliRunner.RunAsync(_dir.Path, "new", "demo/repair-node@1.0.0", "--catalog", "runbooks", "--tests-dir", "tests");

        result.ShouldMatchSnapshot("new-with-version");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        _dir.Files().ShouldBeEmpty();
    }

    private Task<CliResult> New(params string[] extra) =>
        CliRunner.RunAsync(_dir.Path, ["new", "demo/repair-node", "--catalog", "runbooks", "--tests-dir", "tests", .. extra]);
}
