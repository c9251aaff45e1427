using RunbookEngine.Activities.Process;
using RunbookEngine.Activities.Tests.Support;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Process;

/// <summary>
/// The security promise of exec, shell and process.start: a parameter value full of shell syntax is data, never a
/// command. Each test passes <c>x; touch /tmp/pwned-&lt;guid&gt;</c> (and variants) and checks that the file never exists.
/// </summary>
public sealed class InjectionTests : IDisposable
{
    private readonly string _marker = $"/tmp/pwned-{Guid.NewGuid():N}";
    private readonly TempTree _dir = new();
    private readonly Processes _processes = new();

    public void Dispose()
    {
        _processes.Dispose();
        File.Delete(_marker);
        _dir.Dispose();
    }

    private string[] Payloads =>
    [
        $"x; touch {_marker}",
        $"$(touch {_marker})",
        $"`touch {_marker}`",
        $"x && touch {_marker}",
        $"x | touch {_marker}",
        $"x\ntouch {_marker}",
        $"'; touch {_marker}; '",
    ];

    private TestContext NewContext() => new(_dir.Path);

    [Fact]
    public async Task Exec_passes_a_parameter_as_one_argument_even_to_a_shell()
    {
        foreach (var payload in Payloads)
        {
            var echoed = await new Exec().Execute(NewContext().Context, ("command", List("echo", payload)));
            var viaSh = await new Exec().Execute(NewContext().Context, ("command", List("sh", "-c", "printf '%s' \"$1\"", "sh", payload)));

            echoed["stdout"].ShouldBe(payload + "\n");
            viaSh["stdout"].ShouldBe(payload);
        }

        File.Exists(_marker).ShouldBeFalse("a parameter passed to exec ran as a command");
    }

    [Fact]
    public async Task Shell_receives_a_parameter_through_env_as_data()
    {
        foreach (var payload in Payloads)
        {
            var quoted = await new Shell().Execute(NewContext().Context, ("script", "printf '%s' \"$VALUE\""), ("env", Of(("VALUE", payload))));

            // Even unquoted, expansion splits words and globs; it never parses the value as commands.
            await new Shell().Execute(NewContext().Context, ("script", "echo $VALUE > /dev/null"), ("env", Of(("VALUE", payload))));

            quoted["stdout"].ShouldBe(payload);
        }

        File.Exists(_marker).ShouldBeFalse("a parameter passed to shell through env ran as a command");
    }

    [Fact]
    public async Task Shell_refuses_a_script_that_a_parameter_was_interpolated_into()
    {
        foreach (var payload in Payloads)
        {
            var failure = await Should.ThrowAsync<ActivityFailure>(() => new Shell().Execute(NewContext().Context,
                ("script", $"echo {payload}"), ("env", Of(("VALUE", payload)))));

            failure.ErrorType.ShouldBe(Shell.Interpolated);
        }

        File.Exists(_marker).ShouldBeFalse("an interpolated script ran");
    }

    [Fact]
    public async Task Process_start_passes_a_parameter_as_one_argument()
    {
        var pidFile = _dir.Combine("node.pid");

        var outputs = await new ProcessStart().Execute(NewContext().Context,
            ("command", List("sh", "-c", "printf '%s' \"$1\"; exec sleep 60", "sh", Payloads[0])), ("pidFile", pidFile), ("settle", "300ms"));
        _processes.Track(Convert.ToInt32(outputs["pid"]));

        File.ReadAllText(_dir.Combine("node.log")).ShouldBe(Payloads[0]);
        File.Exists(_marker).ShouldBeFalse("a parameter passed to process.start ran as a command");
    }
}
