using RunbookEngine.Execution.States;
using static RunbookEngine.Execution.States.StepState;
using static RunbookEngine.Execution.States.StepTrigger;

namespace RunbookEngine.Core.Tests.Execution.States;

/// <summary>Every (state, trigger) pair of a step, checked against a table written out here independently of the code.</summary>
public sealed class StepLifecycleTests
{
    private static readonly Dictionary<(StepState, StepTrigger), StepState> Expected = new()
    {
        [(Pending, Start)] = Running,
        [(Pending, Skip)] = Skipped,
        [(Pending, AwaitApproval)] = WaitingForApproval,
        [(Pending, Cancel)] = Cancelled,
        [(Running, Succeed)] = Succeeded,
        [(Running, Fail)] = Failed,
        [(Running, Retry)] = Running,
        [(Running, AwaitApproval)] = WaitingForApproval,
        [(Running, Cancel)] = Cancelled,
        [(Running, Rerun)] = Running,
        [(Running, MarkDone)] = Succeeded,
        [(WaitingForApproval, Approve)] = Running,
        [(WaitingForApproval, Deny)] = Failed,
        [(WaitingForApproval, Cancel)] = Cancelled,
        [(Failed, Rerun)] = Running,
    };

    public static TheoryData<StepState, StepTrigger> AllPairs()
    {
        var data = new TheoryData<StepState, StepTrigger>();
        foreach (var state in Enum.GetValues<StepState>())
        {
            foreach (var trigger in Enum.GetValues<StepTrigger>())
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_moves_where_the_table_says_or_throws(StepState state, StepTrigger trigger)
    {
        var machine = StepLifecycle.Machine;
        if (Expected.TryGetValue((state, trigger), out var next))
        {
            machine.CanFire(state, trigger).ShouldBeTrue();
            machine.Fire(state, trigger).ShouldBe(next);
            machine.PermittedTriggers(state).ShouldContain(trigger);
        }
        else
        {
            machine.CanFire(state, trigger).ShouldBeFalse();
            var error = Should.Throw<InvalidTransitionException>(() => machine.Fire(state, trigger));
            error.Machine.ShouldBe("step");
            error.State.ShouldBe(state.ToString());
            error.Trigger.ShouldBe(trigger.ToString());
            error.Message.ShouldContain($"{trigger} is not allowed from {state}");
            machine.PermittedTriggers(state).ShouldNotContain(trigger);
        }
    }

    [Fact]
    public void The_table_has_exactly_the_expected_transitions()
    {
        StepLifecycle.Machine.Transitions.Select(t => ((t.From, t.Trigger), t.To))
            .ShouldBe(Expected.Select(e => (e.Key, e.Value)), ignoreOrder: true);
    }

    [Fact]
    public void Steps_start_pending_and_settle_in_succeeded_skipped_or_cancelled()
    {
        StepLifecycle.Machine.Initial.ShouldBe(Pending);
        StepLifecycle.Machine.Terminal.ShouldBe([Succeeded, Skipped, Cancelled], ignoreOrder: true);
    }

    [Fact]
    public void Every_state_is_reachable_from_pending()
    {
        var reached = new HashSet<StepState> { Pending };
        var frontier = new Queue<StepState>(reached);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var trigger in StepLifecycle.Machine.PermittedTriggers(state))
            {
                var next = StepLifecycle.Machine.Fire(state, trigger);
                if (reached.Add(next))
                {
                    frontier.Enqueue(next);
                }
            }
        }

        reached.ShouldBe(Enum.GetValues<StepState>(), ignoreOrder: true);
    }

    [Fact]
    public void A_retried_step_stays_running_until_its_last_attempt_settles_it()
    {
        var machine = StepLifecycle.Machine;
        var state = machine.Fire(Pending, Start);
        state = machine.Fire(state, Retry);
        state = machine.Fire(state, Retry);

        state.ShouldBe(Running);
        machine.Fire(state, Fail).ShouldBe(Failed);
    }

    [Fact]
    public void Terminal_states_name_themselves_in_the_error()
    {
        Should.Throw<InvalidTransitionException>(() => StepLifecycle.Machine.Fire(Succeeded, Start))
            .Message.ShouldBe("step: Start is not allowed from Succeeded (allowed: nothing, it is terminal)");
    }
}
