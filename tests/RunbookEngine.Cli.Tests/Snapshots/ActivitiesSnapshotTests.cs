using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

public sealed class ActivitiesSnapshotTests
{
    [Fact]
    public async Task Activities_lists_every_built_in_activity()
    {
        var result = await CliRunner.RunInRepoAsync("activities");

        result.ShouldMatchSnapshot("activities");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        foreach (var activity in BuiltIns.Activities.All)
        {
            result.Stdout.ShouldContain(activity.Name);
        }
    }

    [Fact]
    public async Task Activities_exec_shows_inputs_and_outputs()
    {
        var result = await CliRunner.RunInRepoAsync("activities", "exec");

        result.ShouldMatchSnapshot("activities-exec");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        result.Stdout.ShouldContain("Inputs (with:)");
        result.Stdout.ShouldContain("Outputs (steps.<id>.outputs)");
        Row(result.Stdout, "command").ShouldStartWith("command list<string> yes");
        Row(result.Stdout, "timeout").ShouldStartWith("timeout duration no");
        Row(result.Stdout, "exitCode").ShouldStartWith("exitCode int no");
    }

    [Fact]
    public async Task Activities_flow_log_names_the_allowed_levels()
    {
        var result = await CliRunner.RunInRepoAsync("activities", "flow.log");

        result.ShouldMatchSnapshot("activities-flow-log");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        Row(result.Stdout, "level").ShouldStartWith("level enum(info|warning) no");
        result.Stdout.ShouldEndWith("Outputs (steps.<id>.outputs): none\n");
    }

    /// <summary>The table row of a field, with runs of spaces collapsed.</summary>
    private static string Row(string stdout, string field) =>
        string.Join(' ', stdout.Split('\n').Single(l => l.TrimStart().StartsWith(field + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Unknown_activity_exits_2_and_suggests_the_closest()
    {
        var result = await CliRunner.RunInRepoAsync("activities", "fs.stats");

        result.ShouldMatchSnapshot("activities-unknown");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("did you mean 'fs.stat'?");
        result.ShouldNotShowStackTrace();
    }
}
