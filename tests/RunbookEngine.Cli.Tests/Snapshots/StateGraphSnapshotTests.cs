using RunbookEngine.Cli.Tests.Support;
using RunbookEngine.Execution.States;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>'graph --states': the engine's step and run state machines, drawn from their transition tables.</summary>
public sealed class StateGraphSnapshotTests
{
    [Fact]
    public async Task States_mermaid()
    {
        var result = await CliRunner.RunInRepoAsync("graph", "--states", "--format", "mermaid");

        result.ShouldMatchSnapshot("graph-states-mermaid");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        result.Stdout.ShouldStartWith("stateDiagram-v2\n");
    }

    [Fact]
    public async Task States_dot()
    {
        var result = await CliRunner.RunInRepoAsync("graph", "--states", "--format", "dot");

        result.ShouldMatchSnapshot("graph-states-dot");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stdout.ShouldStartWith("digraph states {\n");
    }

    [Fact]
    public async Task States_default_to_mermaid()
    {
        var byDefault = await CliRunner.RunInRepoAsync("graph", "--states");

        byDefault.ExitCode.ShouldBe(ExitCodes.Success);
        byDefault.Stdout.ShouldBe((await CliRunner.RunInRepoAsync("graph", "--states", "--format", "mermaid")).Stdout);
    }

    [Fact]
    public async Task Every_transition_of_both_tables_is_drawn_and_nothing_else()
    {
        var dot = (await CliRunner.RunInRepoAsync("graph", "--states", "--format", "dot")).Stdout;
        var drawn = System.Text.RegularExpressions.Regex.Matches(dot, "\"(?<from>[a-z]+_[A-Za-z]+)\" -> \"(?<to>[a-z]+_[A-Za-z]+)\" \\[label=\"(?<label>[^\"]*)\"\\]")
            .SelectMany(m => m.Groups["label"].Value.Split("\\n").Select(trigger => $"{m.Groups["from"].Value} -{trigger}-> {m.Groups["to"].Value}"))
            .ToList();

        var expected = StepLifecycle.Machine.Transitions.Select(t => $"step_{t.From} -{t.Trigger}-> step_{t.To}")
            .Concat(RunLifecycle.Machine.Transitions.Select(t => $"run_{t.From} -{t.Trigger}-> run_{t.To}"));
        drawn.ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task States_and_a_runbook_together_are_a_usage_error()
    {
        var result = await CliRunner.RunInRepoAsync("graph", "--states", "runbooks/examples/preflight.yaml");

        result.ShouldMatchSnapshot("usage-graph-states-with-runbook");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stdout.ShouldBeEmpty();
        result.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Neither_states_nor_a_runbook_is_a_usage_error()
    {
        var result = await CliRunner.RunInRepoAsync("graph");

        result.ShouldMatchSnapshot("usage-graph-missing-runbook");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("--states");
        result.ShouldNotShowStackTrace();
    }
}
