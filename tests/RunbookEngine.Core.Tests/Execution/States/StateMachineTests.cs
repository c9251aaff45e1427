using RunbookEngine.Execution.States;

namespace RunbookEngine.Core.Tests.Execution.States;

public sealed class StateMachineTests
{
    private enum Light
    {
        Off,
        On,
    }

    private enum Switch
    {
        Press,
        Unplug,
    }

    [Fact]
    public void A_trigger_listed_twice_from_one_state_is_refused_when_the_table_is_built()
    {
        Should.Throw<ArgumentException>(() => new StateMachine<Light, Switch>("lamp", Light.Off,
        [
            new(Light.Off, Switch.Press, Light.On),
            new(Light.Off, Switch.Press, Light.Off),
        ])).Message.ShouldContain("Press is listed twice from Off");
    }

    [Fact]
    public void Permitted_triggers_follow_declaration_order()
    {
        var machine = new StateMachine<Light, Switch>("lamp", Light.Off,
        [
            new(Light.On, Switch.Unplug, Light.Off),
            new(Light.On, Switch.Press, Light.Off),
            new(Light.Off, Switch.Press, Light.On),
        ]);

        machine.PermittedTriggers(Light.On).ShouldBe([Switch.Unplug, Switch.Press]);
        machine.Fire(Light.Off, Switch.Press).ShouldBe(Light.On);
        Should.Throw<InvalidTransitionException>(() => machine.Fire(Light.Off, Switch.Unplug))
            .Message.ShouldBe("lamp: Unplug is not allowed from Off (allowed: Press)");
    }
}
