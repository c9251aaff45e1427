using RunbookEngine.Activities.Process;
using RunbookEngine.Activities.Tests.Support;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Process;

public sealed class ProcessAssertNotRunningTests : IDisposable
{
    private readonly TempTree _dir = new();
    private readonly Processes _processes = new();

    public void Dispose()
    {
        _processes.Dispose();
        _dir.Dispose();
    }

    private TestContext NewContext() => new(_dir.Path);

    [Fact]
    public async Task A_command_line_match_fails_naming_the_pid_and_the_command_line()
    {
        var marker = "--data-dir=/srv/node-" + Guid.NewGuid().ToString("N");
        using var node = _processes.StartChild("sh", "-c", "sleep 60; :", "cowsqld", marker);

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ProcessAssertNotRunning().Execute(NewContext().Context, ("match", marker)));

        failure.ErrorType.ShouldBe("process.running");
        failure.Message.ShouldBe($"process {node.Id} (sh -c sleep 60; : cowsqld {marker}) is running (command line contains '{marker}'); stop it first");
        failure.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task Nothing_matching_passes_and_runs_during_planning()
    {
        var test = NewContext();

        await new ProcessAssertNotRunning().Execute(test.Context, ("match", "no-such-node-" + Guid.NewGuid().ToString("N")));
        var plan = await new ProcessAssertNotRunning().Plan(NewContext().Context, ("match", "no-such-node-" + Guid.NewGuid().ToString("N")));

        test.Log.Entries.ShouldHaveSingleItem().Template.ShouldBe("No process is running ({What})");
        plan.RanForReal.ShouldBeTrue();
        plan.Summary.ShouldStartWith("no process is running (command line contains 'no-such-node-");
    }

    [Fact]
    public async Task The_engine_and_its_ancestors_never_match_even_though_their_command_lines_contain_the_text()
    {
        var own = ProcessTable.Find(Environment.ProcessId)!.CommandLine;

        await new ProcessAssertNotRunning().Execute(NewContext().Context, ("match", own));
    }

    [Fact]
    public async Task A_pid_file_naming_a_running_process_fails_and_a_missing_one_passes()
    {
        using var node = _processes.StartChild("sleep", "60");
        var pidFile = _dir.Write("node.pid", $"{node.Id}\n");

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ProcessAssertNotRunning().Execute(NewContext().Context, ("pidFile", pidFile)));
        await new ProcessAssertNotRunning().Execute(NewContext().Context, ("pidFile", _dir.Combine("missing.pid")));
        await new ProcessAssertNotRunning().Execute(NewContext().Context, ("pid", 999999999L));

        failure.Message.ShouldBe($"process {node.Id} (sleep 60) is running (pid file {pidFile}); stop it first");
    }

    [Theory]
    [InlineData("match", "   ")]
    [InlineData("pid", 0L)]
    public async Task Inputs_that_would_check_everything_or_nothing_are_refused(string input, object value)
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => ((IActivity)new ProcessAssertNotRunning()).ExecuteAsync(Of((input, value)), NewContext().Context, CancellationToken.None));

        error.Input.ShouldBe(input);
    }

    [Fact]
    public async Task Exactly_one_way_of_naming_the_process_is_accepted()
    {
        await Should.ThrowAsync<ActivityInputException>(() => ((IActivity)new ProcessAssertNotRunning()).ExecuteAsync(Of(), NewContext().Context, CancellationToken.None));
        await Should.ThrowAsync<ActivityInputException>(() => ((IActivity)new ProcessAssertNotRunning()).ExecuteAsync(Of(("match", "x"), ("pid", 5L)), NewContext().Context, CancellationToken.None));
    }
}
