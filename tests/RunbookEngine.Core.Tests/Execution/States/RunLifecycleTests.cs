using RunbookEngine.Execution.States;
using static RunbookEngine.Execution.States.RunState;
using static RunbookEngine.Execution.States.RunTrigger;

namespace RunbookEngine.Core.Tests.Execution.States;

/// <summary>Every (state, trigger) pair of a run, checked against a table written out here independently of the code.</summary>
public sealed class RunLifecycleTests
{
    private static readonly Dictionary<(RunState, RunTrigger), RunState> Expected = new()
    {
        [(Created, Start)] = Running,
        [(Created, Cancel)] = Cancelled,
        [(Running, Pause)] = Paused,
        [(Running, Succeed)] = Succeeded,
        [(Running, Fail)] = Failed,
        [(Running, Cancel)] = Cancelled,
        [(Running, Resume)] = Running,
        [(Paused, Resume)] = Running,
        [(Paused, Approve)] = Running,
        [(Paused, Cancel)] = Cancelled,
        [(Failed, Resume)] = Running,
        [(Failed, Cancel)] = Cancelled,
    };

    public static TheoryData<RunState, RunTrigger> AllPairs()
    {
        var data = new TheoryData<RunState, RunTrigger>();
        foreach (var state in Enum.GetValues<RunState>())
        {
            foreach (var trigger in Enum.GetValues<RunTrigger>())
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_moves_where_the_table_says_or_throws(RunState state, RunTrigger trigger)
    {
        var machine = RunLifecycle.Machine;
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
            error.Machine.ShouldBe("run");
            error.Message.ShouldContain($"{trigger} is not allowed from {state}");
        }
    }

    [Fact]
    public void The_table_has_exactly_the_expected_transitions()
    {
        RunLifecycle.Machine.Transitions.Select(t => ((t.From, t.Trigger), t.To))
            .ShouldBe(Expected.Select(e => (e.Key, e.Value)), ignoreOrder: true);
    }

    [Fact]
    public void Runs_start_created_and_only_succeeded_and_cancelled_are_final()
    {
        RunLifecycle.Machine.Initial.ShouldBe(Created);
        RunLifecycle.Machine.Terminal.ShouldBe([Succeeded, Cancelled], ignoreOrder: true);
    }

    [Fact]
    public void A_failed_run_can_be_resumed_and_then_succeed()
    {
        var machine = RunLifecycle.Machine;
        var state = machine.Fire(machine.Fire(Created, Start), Fail);
        state = machine.Fire(state, Resume);

        machine.Fire(state, Succeed).ShouldBe(Succeeded);
    }
}
