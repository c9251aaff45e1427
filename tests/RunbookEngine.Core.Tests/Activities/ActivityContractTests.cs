using System.Text.Json;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Expressions;

namespace RunbookEngine.Core.Tests.Activities;

/// <summary>What <see cref="Activity{TInput,TOutput}"/> does for every activity: binding, default plans, failure shapes.</summary>
public sealed class ActivityContractTests
{
    private const string Secret = "s3cr3t-value";

    private static readonly ActivityContext Context = new()
    {
        RunId = "run-1",
        StepPath = "step",
        WorkingDirectory = Path.GetTempPath(),
        Redactor = new SecretRedactor([Secret]),
    };

    internal sealed record In
    {
        public required string Text { get; init; }
    }

    internal sealed record Out
    {
        public string Echo { get; init; } = string.Empty;

        public int Calls { get; init; }
    }

    /// <summary>Configurable: traits, and what ExecuteAsync does.</summary>
    private sealed class Probe(ActivityTraits traits, Func<In, CancellationToken, Out>? body = null) : Activity<In, Out>
    {
        public int Calls { get; private set; }

        public override string Name => "test.probe";

        public override string Description => "A test activity.";

        public override ActivityTraits Traits => traits;

        public override Task<Out> ExecuteAsync(In input, ActivityContext context, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(body?.Invoke(input, cancellationToken) ?? new Out { Echo = input.Text, Calls = Calls });
        }
    }

    private static Dictionary<string, object?> Inputs(object? text) => new(StringComparer.Ordinal) { ["text"] = text };

    [Fact]
    public async Task Execute_binds_inputs_and_converts_outputs()
    {
        IActivity activity = new Probe(ActivityTraits.None);

        var outputs = await activity.ExecuteAsync(Inputs("hello"), Context, CancellationToken.None);

        outputs["echo"].ShouldBe("hello");
        outputs["calls"].ShouldBe(1L);
    }

    [Fact]
    public async Task Read_only_activities_run_for_real_when_planned_and_return_real_outputs()
    {
        var probe = new Probe(ActivityTraits.ReadOnly);

        var plan = await ((IActivity)probe).PlanAsync(Inputs("hello"), Context, CancellationToken.None);

        probe.Calls.ShouldBe(1);
        plan.RanForReal.ShouldBeTrue();
        plan.Outputs.ShouldNotBeNull()["echo"].ShouldBe("hello");
    }

    [Fact]
    public async Task Other_activities_get_a_generic_plan_that_runs_nothing_and_hides_secrets()
    {
        var probe = new Probe(ActivityTraits.Idempotent);

        var plan = await ((IActivity)probe).PlanAsync(Inputs(new SecretValue(Secret)), Context, CancellationToken.None);

        probe.Calls.ShouldBe(0);
        plan.RanForReal.ShouldBeFalse();
        plan.Outputs.ShouldBeNull();
        plan.Summary.ShouldBe("would run test.probe with {\"text\":\"***\"}");
        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.Medium);
    }

    [Fact]
    public async Task A_destructive_trait_always_marks_the_plan_destructive()
    {
        var plan = await ((IActivity)new Probe(ActivityTraits.Destructive)).PlanAsync(Inputs("x"), Context, CancellationToken.None);

        plan.Destructive.ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_inputs_fail_before_the_activity_is_called()
    {
        var probe = new Probe(ActivityTraits.None);

        var error = await Should.ThrowAsync<ActivityInputException>(() => ((IActivity)probe).ExecuteAsync(Inputs(null), Context, CancellationToken.None));

        error.Input.ShouldBe("text");
        probe.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Unexpected_exceptions_become_redacted_non_retryable_failures()
    {
        IActivity activity = new Probe(ActivityTraits.None, (input, _) => throw new IOException($"disk full writing {input.Text}"));

        var failure = await Should.ThrowAsync<ActivityFailure>(() => activity.ExecuteAsync(Inputs(new SecretValue(Secret)), Context, CancellationToken.None));

        failure.ErrorType.ShouldBe("unexpected");
        failure.Retryable.ShouldBeFalse();
        failure.Message.ShouldBe("IOException: disk full writing ***");
        failure.InnerException.ShouldBeOfType<IOException>();
    }

    [Fact]
    public async Task Activity_failures_and_cancellation_pass_through_unchanged()
    {
        IActivity failing = new Probe(ActivityTraits.None, (_, _) => throw new ActivityFailure("x.y", "no", retryable: true));
        (await Should.ThrowAsync<ActivityFailure>(() => failing.ExecuteAsync(Inputs("a"), Context, CancellationToken.None))).ErrorType.ShouldBe("x.y");

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        IActivity honouring = new Probe(ActivityTraits.None, (_, ct) =>
        {
            ct.ThrowIfCancellationRequested();
            return new Out();
        });
        await Should.ThrowAsync<OperationCanceledException>(() => honouring.ExecuteAsync(Inputs("a"), Context, cancelled.Token));
    }

    [Fact]
    public void Plans_serialise_to_json_with_camel_case_enums()
    {
        var plan = new ActivityPlan
        {
            Summary = "copy",
            Effects = [new PlannedEffect(EffectKind.Delete, "/data", "all of it", 42)],
            Risks = [new PlanRisk("no backup", RiskSeverity.High)],
            Destructive = true,
            DataAtStake = "node 2's log",
            RanForReal = true,
            Outputs = new Dictionary<string, object?> { ["n"] = 1L, ["list"] = new List<object?> { "a" } },
        };

        var json = JsonSerializer.Serialize(plan, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        json.ShouldBe("""{"summary":"copy","effects":[{"kind":"delete","target":"/data","detail":"all of it","bytes":42}],"risks":[{"text":"no backup","severity":"high"}],"destructive":true,"dataAtStake":"node 2\u0027s log","ranForReal":true,"outputs":{"n":1,"list":["a"]}}""");
    }

    [Fact]
    public async Task The_default_context_has_nobody_to_approve_so_it_pauses()
    {
        (await Context.Approvals.RequestAsync(new ApprovalRequest("s", "ok?"), CancellationToken.None)).Outcome.ShouldBe(ApprovalOutcome.Paused);
        Context.ResolvePath("x").ShouldBe(Path.Combine(Path.GetTempPath(), "x"));
    }
}
