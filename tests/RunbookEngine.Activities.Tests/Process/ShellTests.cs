using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Process;
using RunbookEngine.Activities.Tests.Support;
using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Process;

public sealed class ShellTests : IDisposable
{
    private const string Secret = "Zq-secret-93";
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private TestContext NewContext() => new(_dir.Path, [Secret]);

    [Fact]
    public async Task Runs_the_script_with_sh_in_the_working_directory_with_env()
    {
        Directory.CreateDirectory(_dir.Combine("sub"));

        var outputs = await new Shell().Execute(NewContext().Context,
            ("script", "printf '%s|' \"$NODE\" \"$(basename \"$(pwd)\")\"; echo err >&2"), ("env", Of(("NODE", "node2"))), ("workingDirectory", "sub"));

        outputs["stdout"].ShouldBe("node2|sub|");
        outputs["stderr"].ShouldBe("err\n");
        outputs["exitCode"].ShouldBe(0L);
    }

    [Fact]
    public async Task A_script_that_contains_an_env_value_verbatim_is_refused_and_not_run()
    {
        var marker = _dir.Combine("ran");
        var value = "node-7";

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new Shell().Execute(NewContext().Context,
            ("script", $"touch {marker}; echo {value}"), ("env", Of(("NODE", value)))));

        failure.ErrorType.ShouldBe("shell.interpolated");
        failure.Retryable.ShouldBeFalse();
        failure.Message.ShouldContain("env 'NODE'");
        failure.Message.ShouldContain("\"$NODE\"");
        failure.Message.ShouldNotContain(value);
        File.Exists(marker).ShouldBeFalse();
    }

    [Fact]
    public async Task Short_env_values_may_appear_in_the_script_by_coincidence()
    {
        var outputs = await new Shell().Execute(NewContext().Context, ("script", "echo yes \"$FLAG\""), ("env", Of(("FLAG", "yes"))));

        outputs["stdout"].ShouldBe("yes yes\n");
    }

    [Fact]
    public async Task An_unexpected_exit_code_fails_with_stderr_and_expected_codes_pass()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new Shell().Execute(NewContext().Context, ("script", "echo 'no quorum' >&2\nexit 4")));
        var outputs = await new Shell().Execute(NewContext().Context, ("script", "exit 4"), ("expectedExitCodes", List(4L)));

        failure.ErrorType.ShouldBe("shell.exit-code");
        failure.Message.ShouldBe("'echo 'no quorum' >&2 …' exited with code 4 (expected 0): no quorum");
        failure.Retryable.ShouldBeTrue();
        outputs["exitCode"].ShouldBe(4L);
    }

    [Fact]
    public async Task A_timeout_kills_the_script_and_its_children()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new Shell().Execute(NewContext().Context,
            ("script", "sleep 60 & echo $! > child.pid; wait"), ("timeout", "500ms")));

        failure.ErrorType.ShouldBe("shell.timeout");
        (await Processes.GoneWithin(int.Parse(File.ReadAllText(_dir.Combine("child.pid")).Trim()), TimeSpan.FromSeconds(10))).ShouldBeTrue();
    }

    [Fact]
    public async Task Secret_env_values_are_redacted_from_output_and_logs()
    {
        var test = NewContext();

        var outputs = await new Shell().Execute(test.Context, ("script", "echo \"$TOKEN\""), ("env", Of(("TOKEN", new SecretValue(Secret)))));

        outputs["stdout"].ShouldBe("***\n");
        test.Log.AllText.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task The_plan_shows_the_whole_script_and_env_names_only_without_running_it()
    {
        var marker = _dir.Combine("ran");

        var plan = await new Shell().Plan(NewContext().Context, ("script", "touch ran\necho done"), ("env", Of(("NODE", "value-not-shown"))), ("timeout", "5s"));

        File.Exists(marker).ShouldBeFalse();
        plan.Summary.ShouldBe("run shell script 'touch ran …'");
        var effect = plan.Effects.ShouldHaveSingleItem();
        effect.Kind.ShouldBe(EffectKind.Exec);
        effect.Target.ShouldBe("/bin/sh");
        effect.Detail.ShouldBe($"touch ran\necho done\n(in {_dir.Path}; with NODE; killed after 5s)");
        plan.Risks.ShouldAllBe(r => r.Severity != RiskSeverity.High);
    }

    [Fact]
    public async Task The_plan_warns_that_an_interpolated_script_will_be_refused()
    {
        var plan = await new Shell().Plan(NewContext().Context, ("script", "systemctl stop cowsql@node2"), ("env", Of(("UNIT", "cowsql@node2"))));

        plan.Risks.ShouldContain(r => r.Severity == RiskSeverity.High && r.Text.Contains("env 'UNIT'"));
    }
}
