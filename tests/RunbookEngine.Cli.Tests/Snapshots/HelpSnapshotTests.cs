using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>The help text of the root command and of every command, as a user reads it.</summary>
public sealed class HelpSnapshotTests
{
    [Fact]
    public async Task Root_help()
    {
        var result = await CliRunner.RunInRepoAsync("--help");

        result.ShouldMatchSnapshot("help-root");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        ShouldFitPlainWidth(result.Stdout);
    }

    [Fact]
    public async Task Root_without_a_command_prints_usage_and_exits_2()
    {
        var result = await CliRunner.RunInRepoAsync();

        result.ShouldMatchSnapshot("help-root-no-command");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
    }

    [Fact]
    public async Task Validate_help() => await CommandHelp("validate");

    [Fact]
    public async Task List_help() => await CommandHelp("list");

    [Fact]
    public async Task Show_help() => await CommandHelp("show");

    [Fact]
    public async Task Graph_help() => await CommandHelp("graph");

    [Fact]
    public async Task Schema_help() => await CommandHelp("schema");

    [Fact]
    public async Task New_help() => await CommandHelp("new");

    [Fact]
    public async Task Activities_help() => await CommandHelp("activities");

    [Theory]
    [InlineData("plan")]
    [InlineData("run")]
    [InlineData("resume")]
    [InlineData("approve")]
    [InlineData("cancel")]
    [InlineData("runs")]
    [InlineData("status")]
    [InlineData("logs")]
    public async Task Engine_command_help(string command) => await CommandHelp(command);

    [Fact]
    public async Task Every_command_has_a_help_snapshot()
    {
        // A new command must come with a help snapshot test above.
        var commands = CliApp.BuildRoot(new CliContext(new CliEnvironment(TextWriter.Null, TextWriter.Null, false, RepoPaths.Root), BuiltIns.Activities))
            .Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal);

        commands.ShouldBe(["activities", "approve", "cancel", "graph", "list", "logs", "new", "plan", "resume", "run", "runs", "schema", "show", "status", "validate"]);
        foreach (var command in commands)
        {
            File.Exists(Path.Combine(RepoPaths.Snapshots, $"help-{command}.txt")).ShouldBeTrue($"no snapshot help-{command}.txt");
        }
    }

    private static async Task CommandHelp(string command)
    {
        var result = await CliRunner.RunInRepoAsync(command, "--help");

        result.ShouldMatchSnapshot($"help-{command}");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        result.ToSnapshot().ShouldContain($"Usage:\n  runbook {command} ");
        ShouldFitPlainWidth(result.Stdout);
    }

    private static void ShouldFitPlainWidth(string text) =>
        text.Split('\n').ShouldAllBe(line => line.Length <= Output.ConsoleFactory.PlainWidth, "help wraps at 100 columns when not on a terminal");
}
