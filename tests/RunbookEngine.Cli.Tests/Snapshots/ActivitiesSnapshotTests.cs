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
    }

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
