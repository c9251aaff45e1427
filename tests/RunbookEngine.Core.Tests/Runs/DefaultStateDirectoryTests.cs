using RunbookEngine.Runs;

namespace RunbookEngine.Core.Tests.Runs;

public sealed class DefaultStateDirectoryTests
{
    private const string Home = "/home/sre";

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_option_wins()
    {
        DefaultStateDirectory.Resolve("/srv/runbook", Env(("RUNBOOK_STATE_DIR", "/env"), ("XDG_STATE_HOME", "/xdg")), Home).ShouldBe("/srv/runbook");
    }

    [Fact]
    public void Then_the_environment_variable()
    {
        DefaultStateDirectory.Resolve(null, Env(("RUNBOOK_STATE_DIR", "/env"), ("XDG_STATE_HOME", "/xdg")), Home).ShouldBe("/env");
    }

    [Fact]
    public void Then_xdg_state_home()
    {
        DefaultStateDirectory.Resolve("", Env(("RUNBOOK_STATE_DIR", ""), ("XDG_STATE_HOME", "/xdg")), Home).ShouldBe("/xdg/runbook");
    }

    [Fact]
    public void Then_the_home_directory()
    {
        DefaultStateDirectory.Resolve(null, Env(), Home).ShouldBe("/home/sre/.local/state/runbook");
    }

    [Fact]
    public void A_relative_xdg_state_home_is_ignored_as_the_spec_says()
    {
        DefaultStateDirectory.Resolve(null, Env(("XDG_STATE_HOME", "relative/state")), Home).ShouldBe("/home/sre/.local/state/runbook");
    }

    [Fact]
    public void A_relative_option_is_taken_from_the_current_directory()
    {
        DefaultStateDirectory.Resolve("state", Env(), Home).ShouldBe(Path.Combine(Environment.CurrentDirectory, "state"));
    }

    [Fact]
    public void Without_any_hint_it_says_what_to_set()
    {
        Should.Throw<InvalidOperationException>(() => DefaultStateDirectory.Resolve(null, Env(), "")).Message.ShouldContain("RUNBOOK_STATE_DIR");
    }
}
