using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Flow;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;
using RunbookEngine.Expressions;

namespace RunbookEngine.Activities.Tests.Flow;

public sealed class FlowActivitiesTests
{
    private const string Secret = "hunter2";

    private static TestContext NewContext(RecordingGate? gate = null) => new(Path.GetTempPath(), [Secret], gate);

    [Fact]
    public async Task Log_writes_the_redacted_message_as_a_property_not_as_the_template()
    {
        var test = NewContext();

        await new FlowLog().Execute(test.Context, ("message", "password {is} " + Secret), ("level", "warning"));

        var entry = test.Log.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe("warning");
        entry.Template.ShouldBe("{Message}");
        entry.Properties.ShouldBe(["password {is} ***"]);
    }

    [Fact]
    public async Task Log_defaults_to_info_and_its_plan_logs_nothing()
    {
        var test = NewContext();

        var plan = await new FlowLog().Plan(test.Context, ("message", "hello"));
        test.Log.Entries.ShouldBeEmpty();
        await new FlowLog().Execute(test.Context, ("message", "hello"));

        plan.Summary.ShouldBe("log (info): hello");
        plan.RanForReal.ShouldBeFalse();
        test.Log.Entries.ShouldHaveSingleItem().Level.ShouldBe("info");
    }

    [Fact]
    public async Task Assert_passes_when_the_condition_holds()
    {
        var outputs = await new FlowAssert().Execute(NewContext().Context, ("that", true), ("message", "never shown"));

        outputs.ShouldBeEmpty();
    }

    [Fact]
    public async Task Assert_fails_with_its_message_and_is_not_retryable()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() =>
            new FlowAssert().Execute(NewContext().Context, ("that", false), ("message", new SecretValue($"need 3 nodes, token {Secret}"))));

        failure.ErrorType.ShouldBe("flow.assert");
        failure.Message.ShouldBe("need 3 nodes, token ***");
        failure.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task Assert_runs_during_planning_so_a_false_condition_shows_in_the_plan()
    {
        var plan = await new FlowAssert().Plan(NewContext().Context, ("that", true), ("message", "m"));
        plan.RanForReal.ShouldBeTrue();
        plan.Summary.ShouldBe("assertion holds");

        await Should.ThrowAsync<ActivityFailure>(() => new FlowAssert().Plan(NewContext().Context, ("that", false), ("message", "m")));
    }

    [Fact]
    public async Task Fail_always_fails_with_its_message()
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => new FlowFail().Execute(NewContext().Context, ("message", "restore the snapshot first")));

        failure.ErrorType.ShouldBe("flow.fail");
        failure.Message.ShouldBe("restore the snapshot first");
        failure.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task Approve_asks_the_gate_with_the_step_and_the_redacted_message()
    {
        var test = NewContext(new RecordingGate(new ApprovalDecision(ApprovalOutcome.Approved, "alice")));

        var outputs = await new FlowApprove().Execute(test.Context, ("message", $"wipe node 2 ({Secret})"));

        outputs["approvedBy"].ShouldBe("alice");
        test.Gate.Requests.ShouldHaveSingleItem().ShouldBe(new ApprovalRequest("test-step", "wipe node 2 (***)"));
        test.Log.AllText.ShouldContain("alice");
    }

    [Fact]
    public async Task Approve_denied_is_a_failure_that_is_not_retried()
    {
        var test = NewContext(new RecordingGate(new ApprovalDecision(ApprovalOutcome.Denied, "bob", "node 2 is the leader")));

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new FlowApprove().Execute(test.Context, ("message", "wipe node 2?")));

        failure.ErrorType.ShouldBe("flow.approve.denied");
        failure.Message.ShouldBe("bob refused: node 2 is the leader");
        failure.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task Approve_with_nobody_to_answer_pauses()
    {
        var test = NewContext(new RecordingGate(ApprovalDecision.Paused));

        var paused = await Should.ThrowAsync<ActivityPausedException>(() => new FlowApprove().Execute(test.Context, ("message", "wipe?")));

        paused.Message.ShouldContain("wipe?");
    }

    [Fact]
    public async Task Approve_plans_an_approval_without_asking_anyone()
    {
        var test = NewContext();

        var plan = await new FlowApprove().Plan(test.Context, ("message", "keep node 1"));

        test.Gate.Requests.ShouldBeEmpty();
        plan.Effects.ShouldHaveSingleItem().ShouldBe(new PlannedEffect(EffectKind.Approve, "operator", "keep node 1"));
    }
}
