using System.Diagnostics;
using System.Text.Json;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Process;
using RunbookEngine.Activities.Tests.Support;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Process;

/// <summary>Real daemons (sleep, sh) on this Linux host; every one is killed when the test ends.</summary>
public sealed class ProcessStartStopTests : IDisposable
{
    private readonly TempTree _dir = new();
    private readonly Processes _processes = new();

    public void Dispose()
    {
        _processes.Dispose();
        _dir.Dispose();
    }

    private string PidFile => _dir.Combine("run", "node.pid");

    private static TestContext NewContext(string directory, TimeProvider? time = null) => new(directory, time: time);

    private async Task<int> Start(params string[] argv)
    {
        var outputs = await new ProcessStart().Execute(NewContext(_dir.Path).Context, ("command", List([.. argv])), ("pidFile", PidFile), ("settle", "200ms"));
        return _processes.Track(Convert.ToInt32(outputs["pid"]));
    }

    [Fact]
    public async Task Start_detaches_the_process_and_records_it_in_outputs_and_the_pid_file()
    {
        var outputs = await new ProcessStart().Execute(NewContext(_dir.Path).Context,
            ("command", List("sh", "-c", "echo started; echo oops >&2; exec sleep 60")), ("pidFile", PidFile), ("settle", "300ms"));
        var pid = _processes.Track(Convert.ToInt32(outputs["pid"]));

        Processes.IsRunning(pid).ShouldBeTrue();
        Processes.SessionOf(pid).ShouldBe(pid, "the daemon leads its own session");
        Processes.FileDescriptor(pid, 0).ShouldBe("/dev/null");
        Processes.FileDescriptor(pid, 1).ShouldBe(_dir.Combine("run", "node.log"));
        Processes.FileDescriptor(pid, 2).ShouldBe(_dir.Combine("run", "node.log"));
        File.ReadAllText(_dir.Combine("run", "node.log")).ShouldBe("started\noops\n");
        outputs["command"].ShouldBe(new List<object?> { "sh", "-c", "echo started; echo oops >&2; exec sleep 60" });
        outputs["logFile"].ShouldBe(_dir.Combine("run", "node.log"));
        outputs["pidFile"].ShouldBe(PidFile);
        outputs["alreadyRunning"].ShouldBe(false);

        using var record = JsonDocument.Parse(File.ReadAllText(PidFile));
        record.RootElement.GetProperty("pid").GetInt32().ShouldBe(pid);
        record.RootElement.GetProperty("ownProcessGroup").GetBoolean().ShouldBeTrue();
        record.RootElement.GetProperty("command").EnumerateArray().Select(e => e.GetString()).ShouldBe(["sh", "-c", "echo started; echo oops >&2; exec sleep 60"]);
        record.RootElement.GetProperty("logFile").GetString().ShouldBe(_dir.Combine("run", "node.log"));
        record.RootElement.GetProperty("startTime").GetInt64().ShouldBe(ProcessTable.Find(pid)!.StartTime);
    }

    [Fact]
    public async Task A_daemon_starts_with_sigpipe_sigint_and_sigquit_at_their_default_actions()
    {
        // The engine (.NET) ignores SIGPIPE for itself, and a shell's background command ignores SIGINT and SIGQUIT;
        // a daemon started by hand from a terminal has none of them ignored, so neither may one started here.
        var pid = await Start("sh", "-c", "grep SigIgn /proc/self/status; exec sleep 60");

        var line = File.ReadAllText(_dir.Combine("run", "node.log")).Trim();
        var ignored = Convert.ToUInt64(line.Split(':')[1].Trim(), 16);
        (ignored & ((1UL << 12) | (1UL << 1) | (1UL << 2))).ShouldBe(0UL, $"process {pid} ignores one of SIGPIPE, SIGINT, SIGQUIT: {line}");
        Processes.IsRunning(pid).ShouldBeTrue();
        File.ReadAllText($"/proc/{pid}/cmdline").ShouldBe("sleep\u000060\u0000", "the daemon is the program itself, not env or a shell");
    }

    [Theory]
    [InlineData(0x0UL, "INT,QUIT")]
    [InlineData(0x1000UL, "INT,QUIT")] // SIGPIPE, as .NET ignores it: not one of the two
    [InlineData(0x2UL, "QUIT")] // the engine was started with SIGINT ignored: its daemons keep ignoring it
    [InlineData(0x4UL, "INT")]
    [InlineData(0x1007UL, "")]
    public void Only_sigint_and_sigquit_the_engine_does_not_ignore_itself_are_reset(ulong engineIgnores, string reset)
    {
        Daemon.SignalsToReset(engineIgnores).ShouldBe(reset);
    }

    [Fact]
    public async Task Start_again_with_the_same_command_finds_it_running_and_starts_nothing()
    {
        var pid = await Start("sleep", "60");

        var again = await new ProcessStart().Execute(NewContext(_dir.Path).Context, ("command", List("sleep", "60")), ("pidFile", PidFile));
        var plan = await new ProcessStart().Plan(NewContext(_dir.Path).Context, ("command", List("sleep", "60")), ("pidFile", PidFile));

        again["pid"].ShouldBe((long)pid);
        again["alreadyRunning"].ShouldBe(true);
        plan.Summary.ShouldBe($"sleep 60 is already running as process {pid}; nothing to start");
    }

    [Fact]
    public async Task Start_refuses_a_pid_file_that_names_a_different_running_command()
    {
        var pid = await Start("sleep", "60");

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ProcessStart().Execute(NewContext(_dir.Path).Context, ("command", List("sleep", "61")), ("pidFile", PidFile)));

        failure.ErrorType.ShouldBe("process.pid-file-in-use");
        failure.Message.ShouldContain($"names running process {pid} (sleep 60)");
        failure.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task Start_replaces_a_stale_pid_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PidFile)!);
        File.WriteAllText(PidFile, "999999999\n");

        var pid = await Start("sleep", "60");

        File.ReadAllText(PidFile).ShouldContain($"\"pid\": {pid}");
    }

    [Fact]
    public async Task A_program_that_exits_at_once_fails_with_the_tail_of_its_log_and_leaves_no_pid_file()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ProcessStart().Execute(NewContext(_dir.Path).Context,
            ("command", List("sh", "-c", "echo 'address already in use' >&2; exit 1")), ("pidFile", PidFile), ("settle", "500ms")));

        failure.ErrorType.ShouldBe("process.exited");
        failure.Message.ShouldEndWith("exited within 500ms of starting: address already in use");
        failure.Retryable.ShouldBeTrue();
        File.Exists(PidFile).ShouldBeFalse();
    }

    [Fact]
    public async Task A_program_that_cannot_be_found_fails_to_start()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ProcessStart().Execute(NewContext(_dir.Path).Context,
            ("command", List("no-such-program-" + Guid.NewGuid().ToString("N"))), ("pidFile", PidFile)));

        failure.ErrorType.ShouldBe("process.start-failed");
        failure.Retryable.ShouldBeFalse();
        File.Exists(PidFile).ShouldBeFalse();
    }

    [Fact]
    public async Task The_start_plan_names_command_and_files_and_starts_nothing()
    {
        var plan = await new ProcessStart().Plan(NewContext(_dir.Path).Context,
            ("command", List("sleep", "60")), ("pidFile", PidFile), ("environment", Of(("TOKEN", "value-not-shown"))));

        File.Exists(PidFile).ShouldBeFalse();
        plan.Summary.ShouldBe("start sleep 60 in the background");
        plan.Effects.Select(e => (e.Kind, e.Target)).ShouldBe([(EffectKind.Exec, "sleep"), (EffectKind.Write, PidFile), (EffectKind.Write, _dir.Combine("run", "node.log"))]);
        plan.Effects[0].Detail.ShouldBe($"sleep 60 (detached, in {_dir.Path}; with TOKEN)");
        plan.Risks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Stop_terminates_the_process_group_and_removes_the_pid_file()
    {
        var pid = await Start("sh", "-c", "sleep 60 & echo $! > child.pid; wait");
        var child = int.Parse(File.ReadAllText(_dir.Combine("child.pid")).Trim());
        _processes.Track(child);

        var outputs = await new ProcessStop().Execute(NewContext(_dir.Path).Context, ("pidFile", PidFile), ("timeout", "10s"));

        outputs["pid"].ShouldBe((long)pid);
        outputs["wasRunning"].ShouldBe(true);
        outputs["killed"].ShouldBe(false);
        Processes.IsRunning(pid).ShouldBeFalse();
        (await Processes.GoneWithin(child, TimeSpan.FromSeconds(5))).ShouldBeTrue("the daemon's child got the signal too");
        File.Exists(PidFile).ShouldBeFalse();
    }

    [Fact]
    public async Task Stop_sends_SIGKILL_once_the_timeout_passes_on_the_context_clock()
    {
        var pid = await Start("sh", "-c", "trap '' TERM; while :; do sleep 1; done");
        var time = new FakeTimeProvider();
        var wall = Stopwatch.StartNew();

        var stopping = new ProcessStop().Execute(NewContext(_dir.Path, time).Context, ("pidFile", PidFile), ("timeout", "5m"));
        await Task.Delay(300);
        Processes.IsRunning(pid).ShouldBeTrue("SIGTERM is ignored, and five minutes have not passed on the context clock");
        while (!stopping.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(20))
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(10);
        }

        var outputs = await stopping;
        outputs["killed"].ShouldBe(true);
        Processes.IsRunning(pid).ShouldBeFalse();
    }

    [Fact]
    public async Task Stop_succeeds_when_there_is_nothing_to_stop()
    {
        var missing = await new ProcessStop().Execute(NewContext(_dir.Path).Context, ("pidFile", PidFile));
        Directory.CreateDirectory(Path.GetDirectoryName(PidFile)!);
        File.WriteAllText(PidFile, "999999999");
        var stale = await new ProcessStop().Execute(NewContext(_dir.Path).Context, ("pidFile", PidFile));

        missing["wasRunning"].ShouldBe(false);
        missing["pid"].ShouldBe(0L);
        stale["wasRunning"].ShouldBe(false);
        File.Exists(PidFile).ShouldBeFalse("a stale pid file is cleaned up");
    }

    [Fact]
    public async Task Stop_never_signals_a_process_that_reused_the_recorded_pid()
    {
        using var other = _processes.StartChild("sleep", "60");
        Directory.CreateDirectory(Path.GetDirectoryName(PidFile)!);
        File.WriteAllText(PidFile, $$"""{"pid": {{other.Id}}, "startTime": 1, "ownProcessGroup": true}""");

        var outputs = await new ProcessStop().Execute(NewContext(_dir.Path).Context, ("pidFile", PidFile));

        outputs["wasRunning"].ShouldBe(false);
        Processes.IsRunning(other.Id).ShouldBeTrue();
    }

    [Fact]
    public async Task Stop_by_pid_and_refusal_to_stop_the_engine_itself()
    {
        using var child = _processes.StartChild("sleep", "60");

        var outputs = await new ProcessStop().Execute(NewContext(_dir.Path).Context, ("pid", (long)child.Id));
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ProcessStop().Execute(NewContext(_dir.Path).Context, ("pid", (long)Environment.ProcessId)));

        outputs["wasRunning"].ShouldBe(true);
        (await Processes.GoneWithin(child.Id, TimeSpan.FromSeconds(5))).ShouldBeTrue();
        failure.ErrorType.ShouldBe("process.refused");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Stop_needs_exactly_one_of_pid_file_and_pid(bool pidFile, bool pid)
    {
        var inputs = Of();
        if (pidFile)
        {
            inputs["pidFile"] = PidFile;
        }

        if (pid)
        {
            inputs["pid"] = 1234L;
        }

        await Should.ThrowAsync<ActivityInputException>(() => ((IActivity)new ProcessStop()).ExecuteAsync(inputs, NewContext(_dir.Path).Context, CancellationToken.None));
    }

    [Fact]
    public async Task A_pid_file_with_something_else_in_it_is_an_error_not_a_stopped_process()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PidFile)!);
        File.WriteAllText(PidFile, "not a pid");

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new ProcessStop().Execute(NewContext(_dir.Path).Context, ("pidFile", PidFile)));

        failure.ErrorType.ShouldBe("process.pid-file-invalid");
    }

    [Fact]
    public async Task The_stop_plan_names_the_process_and_signals_nothing()
    {
        var pid = await Start("sleep", "60");

        var plan = await new ProcessStop().Plan(NewContext(_dir.Path).Context, ("pidFile", PidFile), ("timeout", "20s"));

        Processes.IsRunning(pid).ShouldBeTrue();
        plan.Summary.ShouldBe($"stop process {pid} (sleep 60)");
        plan.Effects.Select(e => e.Detail).ShouldBe(["SIGTERM, then SIGKILL if still running after 20s", "pid file"]);
    }
}
