using System.Diagnostics;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Process;
using RunbookEngine.Activities.Tests.Support;
using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Process;

/// <summary>exec on a POSIX system (sh, echo, printf, sleep), as the engine's target hosts are.</summary>
public sealed class ExecTests : IDisposable
{
    private const string Secret = "Zq-secret-81";
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    private TestContext NewContext() => new(_dir.Path, [Secret]);

    [Fact]
    public async Task The_program_is_reported_while_it_runs_and_after_it_was_reaped()
    {
        var context = NewContext();

        var outputs = await new Exec().Execute(context.Context, ("command", List("sh", "-c", "echo $$")));

        // What the run's lock lists, so that a resume after the engine was killed finds a program still running.
        var pid = int.Parse(((string)outputs["stdout"]!).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        context.Programs.Events.Count.ShouldBe(2, string.Join("; ", context.Programs.Events));
        context.Programs.Events[0].ShouldStartWith($"started {pid} ");
        context.Programs.Events[1].ShouldBe($"ended {pid} running=False");
    }

    [Fact]
    public async Task A_cancelled_program_is_reported_ended_once_it_was_killed_and_reaped()
    {
        var context = NewContext();
        using var cancel = new CancellationTokenSource();
        var running = ((IActivity)new Exec()).ExecuteAsync(Of(("command", List("sleep", "60"))), context.Context, cancel.Token);
        for (var i = 0; i < 200 && context.Programs.Events.Count == 0; i++)
        {
            await Task.Delay(10);
        }

        context.Programs.Events.ShouldHaveSingleItem().ShouldEndWith("running=True");
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => running);

        context.Programs.Events.Count.ShouldBe(2);
        context.Programs.Events[1].ShouldEndWith("running=False");
    }

    [Fact]
    public async Task Shell_syntax_in_an_argument_is_passed_verbatim_as_one_argv_item()
    {
        var marker = $"/tmp/pwned-{Guid.NewGuid():N}";
        var argument = $"x; touch {marker}";

        var outputs = await new Exec().Execute(NewContext().Context, ("command", List("echo", argument)));

        outputs["stdout"].ShouldBe(argument + "\n");
        File.Exists(marker).ShouldBeFalse("the argument reached a shell");
    }

    [Fact]
    public async Task Quotes_variables_and_backticks_arrive_unchanged_each_as_its_own_argument()
    {
        string[] arguments = ["a b", "$HOME", "`id`", "'q'", "\"dq\"", "*", string.Empty];

        var outputs = await new Exec().Execute(NewContext().Context, ("command", List(["printf", "<%s>\\n", .. arguments])));

        outputs["stdout"].ShouldBe(string.Concat(arguments.Select(a => $"<{a}>\n")));
    }

    [Fact]
    public async Task Environment_and_working_directory_are_applied()
    {
        var sub = Directory.CreateDirectory(_dir.Combine("sub")).FullName;

        var outputs = await new Exec().Execute(NewContext().Context,
            ("command", List("sh", "-c", "printf '%s %s' \"$GREETING\" \"$(pwd -P)\"")),
            ("workingDirectory", "sub"),
            ("environment", Of(("GREETING", "hi"))));

        outputs["stdout"].ShouldBe($"hi {new DirectoryInfo(sub).ResolveLinkTarget(true)?.FullName ?? Path.GetFullPath(sub)}");
        outputs["exitCode"].ShouldBe(0L);
    }

    [Fact]
    public async Task An_unexpected_exit_code_fails_with_the_tail_of_stderr()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new Exec().Execute(NewContext().Context,
            ("command", List("sh", "-c", "echo 'disk is full' >&2; exit 3"))));

        failure.ErrorType.ShouldBe("exec.exit-code");
        failure.Message.ShouldBe("sh -c 'echo '\\''disk is full'\\'' >&2; exit 3' exited with code 3 (expected 0): disk is full");
        failure.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task Expected_exit_codes_count_as_success()
    {
        var outputs = await new Exec().Execute(NewContext().Context, ("command", List("sh", "-c", "exit 3")), ("expectedExitCodes", List(0L, 3L)));

        outputs["exitCode"].ShouldBe(3L);
    }

    [Fact]
    public async Task A_program_that_does_not_exist_fails_to_start_and_is_not_retried()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new Exec().Execute(NewContext().Context, ("command", List("/nonexistent/program-" + Guid.NewGuid()))));

        failure.ErrorType.ShouldBe("exec.start-failed");
        failure.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task An_empty_command_is_an_input_error()
    {
        (await Should.ThrowAsync<ActivityInputException>(() => new Exec().Execute(NewContext().Context, ("command", List())))).Input.ShouldBe("command");
    }

    [Fact]
    public async Task Secrets_are_redacted_from_captured_output_and_logs()
    {
        var test = NewContext();

        var outputs = await new Exec().Execute(test.Context, ("command", List("sh", "-c", "echo \"$TOKEN\"; echo \"$TOKEN\" >&2")), ("environment", Of(("TOKEN", new SecretValue(Secret)))));

        outputs["stdout"].ShouldBe("***\n");
        outputs["stderr"].ShouldBe("***\n");
        test.Log.AllText.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Output_is_capped_and_the_cut_is_marked()
    {
        var outputs = await new Exec().Execute(NewContext().Context, ("command", List("sh", "-c", "head -c 200000 /dev/zero | tr '\\000' a")));

        var stdout = outputs["stdout"].ShouldBeOfType<string>();
        stdout.ShouldStartWith(new string('a', Exec.MaxCaptured));
        stdout.ShouldEndWith($"\n… [{200000 - Exec.MaxCaptured} more characters not captured]");
    }

    [Fact]
    public async Task A_secret_straddling_the_cap_is_still_redacted()
    {
        var script = $"head -c {Exec.MaxCaptured - 3} /dev/zero | tr '\\000' a; printf %s \"$TOKEN\"";

        var outputs = await new Exec().Execute(NewContext().Context, ("command", List("sh", "-c", script)), ("environment", Of(("TOKEN", Secret))));

        outputs["stdout"].ShouldBeOfType<string>().ShouldNotContain(Secret[..3]);
    }

    [Fact]
    public async Task A_timeout_kills_the_process_and_its_children()
    {
        var wall = Stopwatch.StartNew();
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new Exec().Execute(NewContext().Context,
            ("command", List("sh", "-c", "echo $$ > shell.pid; sleep 60 & echo $! > child.pid; wait")),
            ("timeout", "500ms")));

        failure.ErrorType.ShouldBe("exec.timeout");
        failure.Message.ShouldContain("did not finish within 500ms");
        wall.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        await ShouldBeGone(int.Parse(File.ReadAllText(_dir.Combine("shell.pid")).Trim()));
        await ShouldBeGone(int.Parse(File.ReadAllText(_dir.Combine("child.pid")).Trim()));
    }

    [Fact]
    public async Task Cancellation_kills_the_process_and_surfaces_as_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var running = ((IActivity)new Exec()).ExecuteAsync(Of(("command", List("sh", "-c", "echo $$ > shell.pid; exec sleep 60"))), NewContext().Context, cancel.Token);
        var pidFile = _dir.Combine("shell.pid");
        for (var i = 0; i < 100 && !(File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n')); i++)
        {
            await Task.Delay(50);
        }

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(15)));
        await ShouldBeGone(int.Parse(File.ReadAllText(pidFile).Trim()));
    }

    [Fact]
    public async Task The_plan_describes_the_command_without_running_it_and_hides_environment_values()
    {
        var marker = _dir.Combine("created");

        var plan = await new Exec().Plan(NewContext().Context,
            ("command", List("touch", marker)), ("environment", Of(("TOKEN", "value-not-shown"))), ("timeout", "5s"));

        File.Exists(marker).ShouldBeFalse();
        plan.Summary.ShouldBe($"run touch {marker}");
        var effect = plan.Effects.ShouldHaveSingleItem();
        effect.Kind.ShouldBe(EffectKind.Exec);
        effect.Detail.ShouldBe($"touch {marker} (in {_dir.Path}; with TOKEN; killed after 5s)");
        effect.Detail!.ShouldNotContain("value-not-shown");
        plan.Risks.ShouldAllBe(r => r.Severity != RiskSeverity.High);
    }

    [Fact]
    public async Task The_plan_warns_when_the_program_cannot_be_found()
    {
        var plan = await new Exec().Plan(NewContext().Context, ("command", List("no-such-program-" + Guid.NewGuid().ToString("N"))));

        plan.Risks.ShouldContain(r => r.Severity == RiskSeverity.High && r.Text.Contains("was not found"));
    }

    /// <summary>Killed means no such process, or a zombie waiting for a parent that is not us to reap it.</summary>
    private static async Task ShouldBeGone(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return;
            }

            try
            {
                var text = await File.ReadAllTextAsync(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return;
                }
            }
            catch (IOException)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"process {pid} is still running");
    }
}
