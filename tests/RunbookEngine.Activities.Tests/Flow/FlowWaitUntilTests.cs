using System.ComponentModel;
using Stopwatch = System.Diagnostics.Stopwatch;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Flow;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Http;
using RunbookEngine.Activities.Tests.Support;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Flow;

public sealed class FlowWaitUntilTests : IDisposable
{
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A context whose catalog holds the scripted activities next to the built-ins, as the engine's would.</summary>
    private static ActivityContext WithCatalog(TestContext test, params IActivity[] extra) => new()
    {
        RunId = test.Context.RunId,
        StepPath = test.Context.StepPath,
        WorkingDirectory = test.Context.WorkingDirectory,
        TimeProvider = test.Context.TimeProvider,
        Log = test.Log,
        Redactor = test.Context.Redactor,
        Approvals = test.Gate,
        Activities = new ActivityCatalog([.. BuiltInActivities.Create(), .. extra]),
    };

    [Fact]
    public async Task Polls_another_activity_until_the_condition_over_its_result_holds()
    {
        var time = new FakeTimeProvider();
        var status = new ScriptedStatus("running", "running", "completed");
        var test = new TestContext(_dir.Path, time: time);

        var waiting = Run(WithCatalog(test, status), ("activity", "test.status"), ("with", Of(("job", "restore-7"))),
            ("until", "result.status == 'completed'"), ("interval", "10s"), ("timeout", "5m"));
        await DriveByPolls(time, waiting, TimeSpan.FromSeconds(10), () => status.Jobs.Count);

        var outputs = await waiting;
        outputs["attempts"].ShouldBe(3L);
        outputs["result"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["status"].ShouldBe("completed");
        outputs["waitedSeconds"].ShouldBe(20.0);
        status.Jobs.ShouldBe(["restore-7", "restore-7", "restore-7"]);
    }

    [Fact]
    public async Task Gives_up_when_the_timeout_passes_on_the_context_clock_and_shows_the_last_result()
    {
        var time = new FakeTimeProvider();
        var test = new TestContext(_dir.Path, time: time);
        var wall = Stopwatch.StartNew();

        var running = new ScriptedStatus("running");

        var waiting = Run(WithCatalog(test, running), ("activity", "test.status"),
            ("until", "result.status == 'completed'"), ("interval", "10s"), ("timeout", "1m"));
        await DriveByPolls(time, waiting, TimeSpan.FromSeconds(10), () => running.Jobs.Count);

        var failure = await Should.ThrowAsync<ActivityFailure>(() => waiting);
        failure.ErrorType.ShouldBe("flow.wait-until.timeout");
        failure.Message.ShouldBe("""result.status == 'completed' did not hold within 1m (7 polls of test.status); last result: {"status":"running"}""");
        failure.Retryable.ShouldBeTrue();
        wall.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        test.Log.Entries.Count(e => e.Template.StartsWith("Polled", StringComparison.Ordinal)).ShouldBe(1, "the polled activity logs on the first poll only");
    }

    [Fact]
    public async Task A_retryable_failure_of_the_polled_activity_means_not_yet_and_any_other_ends_the_wait()
    {
        var time = new FakeTimeProvider();
        var test = new TestContext(_dir.Path, time: time);
        var flaky = new ScriptedStatus("!retryable", "completed");
        var broken = new ScriptedStatus("!fatal") { ActivityName = "test.broken" };

        var waiting = Run(WithCatalog(test, flaky), ("activity", "test.status"), ("until", "result.status == 'completed'"), ("interval", "1s"));
        await DriveByPolls(time, waiting, TimeSpan.FromSeconds(1), () => flaky.Jobs.Count);
        var fatal = await Should.ThrowAsync<ActivityFailure>(() => Run(WithCatalog(test, broken), ("activity", "test.broken"), ("until", "result.status == 'completed'")));

        (await waiting)["attempts"].ShouldBe(2L);
        fatal.ErrorType.ShouldBe("test.fatal");
    }

    [Fact]
    public async Task Polls_a_file_until_it_appears_with_the_expected_json()
    {
        var time = new FakeTimeProvider();
        var file = _dir.Combine("node2", "status.json");

        var waiting = Run(new TestContext(_dir.Path, time: time).Context, ("file", "node2/status.json"),
            ("until", "result.exists && result.json.role == 'leader'"), ("interval", "5s"), ("timeout", "1m"));
        await Drive(time, waiting, TimeSpan.FromSeconds(5), steps: 3);
        waiting.IsCompleted.ShouldBeFalse();
        _dir.Write("node2/status.json", """{"role":"follower"}""");
        await Drive(time, waiting, TimeSpan.FromSeconds(5), steps: 3);
        waiting.IsCompleted.ShouldBeFalse();
        File.WriteAllText(file, """{"role":"leader","term":4}""");
        await Drive(time, waiting, TimeSpan.FromSeconds(5));

        var result = (await waiting)["result"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        result["exists"].ShouldBe(true);
        result["text"].ShouldBe("""{"role":"leader","term":4}""");
        result["json"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["term"].ShouldBe(4L);
    }

    [Theory]
    [InlineData("result.status == 'completed'")]
    [InlineData("${{ result.status == 'completed' }}")]
    [InlineData("  ${{ result.status == 'completed' }} ")]
    public async Task The_condition_may_be_bare_or_an_escaped_template(string until)
    {
        var outputs = await Run(WithCatalog(new TestContext(_dir.Path), new ScriptedStatus("completed")), ("activity", "test.status"), ("until", until));

        outputs["attempts"].ShouldBe(1L);
    }

    [Theory]
    [InlineData("result.status ==", "unexpected end of expression")]
    [InlineData("steps.x.outputs.done", "unknown name 'steps'")]
    [InlineData("${{ result.a }} and ${{ result.b }}", "write one expression")]
    public async Task A_condition_that_cannot_work_is_an_input_error(string until, string why)
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => Run(new TestContext(_dir.Path).Context, ("file", "x"), ("until", until)));

        error.Input.ShouldBe("until");
        error.Message.ShouldContain(why);
    }

    [Fact]
    public async Task A_condition_that_is_not_a_boolean_or_fails_to_evaluate_ends_the_wait()
    {
        var notBool = await Should.ThrowAsync<ActivityFailure>(() => Run(new TestContext(_dir.Path).Context, ("file", "x"), ("until", "result.size")));
        var missingKey = await Should.ThrowAsync<ActivityFailure>(() => Run(new TestContext(_dir.Path).Context, ("file", "x"), ("until", "result.sise == 0")));

        notBool.ErrorType.ShouldBe("flow.wait-until.condition");
        notBool.Message.ShouldStartWith("until must give true or false, but gave an int");
        missingKey.Message.ShouldContain("did you mean 'size'?");
        notBool.Retryable.ShouldBeFalse();
    }

    [Theory]
    [InlineData("no.such-activity", "not installed")]
    [InlineData("flow.wait-until", "waits do not nest")]
    public async Task Only_an_installed_activity_other_than_itself_can_be_polled(string activity, string why)
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => Run(new TestContext(_dir.Path).Context, ("activity", activity), ("until", "true")));

        error.Input.ShouldBe("activity");
        error.Message.ShouldContain(why);
    }

    [Fact]
    public async Task A_destructive_activity_is_never_polled()
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() =>
            Run(WithCatalog(new TestContext(_dir.Path), new ScriptedStatus("x") { ActivityName = "test.wipe", DeclaredTraits = ActivityTraits.Destructive }), ("activity", "test.wipe"), ("until", "true")));

        error.Message.ShouldContain("destructive");
    }

    [Fact]
    public async Task Activity_and_file_are_alternatives()
    {
        (await Should.ThrowAsync<ActivityInputException>(() => Run(new TestContext(_dir.Path).Context, ("until", "true")))).Input.ShouldBe("activity");
        (await Should.ThrowAsync<ActivityInputException>(() => Run(new TestContext(_dir.Path).Context, ("activity", "exec"), ("file", "x"), ("until", "true")))).Input.ShouldBe("activity");
        (await Should.ThrowAsync<ActivityInputException>(() => Run(new TestContext(_dir.Path).Context, ("file", "x"), ("with", Of()), ("until", "true")))).Input.ShouldBe("with");
    }

    [Fact]
    public async Task Polls_http_request_against_a_loopback_server_until_it_reports_ready()
    {
        var answers = 0;
        using var server = new LoopbackHttpServer(_ => Interlocked.Increment(ref answers) < 3
            ? new CannedResponse(503, "starting")
            : new CannedResponse(200, """{"state":"ready"}""", "application/json"));

        var outputs = await Run(new TestContext(_dir.Path).Context, ("activity", "http.request"), ("with", Of(("url", server.Url("/health")))),
            ("until", "result.json.state == 'ready'"), ("interval", "50ms"), ("timeout", "30s"));

        outputs["attempts"].ShouldBe(3L);
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_plan_polls_nothing_for_a_source_with_effects_and_says_whether_a_read_only_one_holds_now()
    {
        var marker = _dir.Combine("ran");
        _dir.Write("ready", "yes");

        var exec = await new FlowWaitUntil().Plan(new TestContext(_dir.Path).Context, ("activity", "exec"), ("with", Of(("command", List("touch", marker)))),
            ("until", "result.exitCode == 0"), ("timeout", "10m"));
        var file = await new FlowWaitUntil().Plan(new TestContext(_dir.Path).Context, ("file", "ready"), ("until", "result.text == 'yes'"));
        var notYet = await new FlowWaitUntil().Plan(new TestContext(_dir.Path).Context, ("file", "missing"), ("until", "result.exists"));

        File.Exists(marker).ShouldBeFalse();
        exec.Summary.ShouldBe("poll exec every 2s for up to 10m until result.exitCode == 0");
        exec.Effects.Select(e => e.Kind).ShouldBe([EffectKind.Wait, EffectKind.Exec]);
        file.Summary.ShouldBe($"poll file {_dir.Combine("ready")} every 2s for up to 5m until result.text == 'yes' (it holds now)");
        notYet.Summary.ShouldEndWith("until result.exists (it does not hold yet)");
    }

    [Fact]
    public async Task Cancellation_stops_the_wait()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = ((IActivity)new FlowWaitUntil()).ExecuteAsync(Of(("file", "missing"), ("until", "result.exists"), ("interval", "100ms")),
            new TestContext(_dir.Path).Context, cancel.Token);
        await Task.Delay(300);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static Task<IReadOnlyDictionary<string, object?>> Run(ActivityContext context, params (string Key, object? Value)[] inputs) =>
        new FlowWaitUntil().Execute(context, inputs);

    /// <summary>Moves fake time one interval at a time, letting the poll run in between, until the task ends (or for a number of steps).</summary>
    private static async Task Drive(FakeTimeProvider time, Task task, TimeSpan step, int steps = int.MaxValue)
    {
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < steps && !task.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(20); i++)
        {
            await Task.Delay(20);
            time.Advance(step);
        }

        await Task.Delay(20);
    }

    /// <summary>
    /// Moves fake time one interval after each poll, once the poll has happened and the wait has had time to start its
    /// pause, so the number of polls and the fake time waited do not depend on how busy the machine is.
    /// </summary>
    private static async Task DriveByPolls(FakeTimeProvider time, Task task, TimeSpan step, Func<int> polls)
    {
        var wall = Stopwatch.StartNew();
        for (var expected = 1; !task.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(20); expected++)
        {
            while (polls() < expected && !task.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(5);
            }

            await Task.Delay(50);
            if (!task.IsCompleted)
            {
                time.Advance(step);
            }
        }
    }

    /// <summary>
    /// A stand-in for a status API: returns the scripted statuses in turn, repeating the last. "!retryable" and "!fatal"
    /// fail the poll instead, retryably or not.
    /// </summary>
    private sealed class ScriptedStatus(params string[] statuses) : Activity<ScriptedStatus.Input, ScriptedStatus.Output>
    {
        private int _next;

        public string ActivityName { get; init; } = "test.status";

        public ActivityTraits DeclaredTraits { get; init; } = ActivityTraits.ReadOnly;

        public List<string?> Jobs { get; } = [];

        public override string Name => ActivityName;

        public override string Description => "Scripted statuses.";

        public override ActivityTraits Traits => DeclaredTraits;

        public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Jobs.Add(input.Job);
            context.Log.Info("Polled {Job}", input.Job);
            var status = statuses[Math.Min(_next++, statuses.Length - 1)];
            return status switch
            {
                "!retryable" => throw new ActivityFailure("test.busy", "busy", retryable: true),
                "!fatal" => throw new ActivityFailure("test.fatal", "broken", retryable: false),
                _ => Task.FromResult(new Output { Status = status }),
            };
        }

        internal sealed record Input
        {
            [Description("Job id.")]
            public string? Job { get; init; }
        }

        internal sealed record Output
        {
            [Description("Status.")]
            public string Status { get; init; } = string.Empty;
        }
    }
}
