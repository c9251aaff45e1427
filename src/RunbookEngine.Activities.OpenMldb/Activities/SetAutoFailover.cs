using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary>
/// <c>confset auto_failover true|false</c>, then reads it back: every manual repair command is rejected while it is
/// on, and a value that does not stick (the ZK node overridden, another operator) must stop the run here rather than
/// at the first repair. Outputs the previous value so a later step restores exactly what was there.
/// </summary>
internal sealed class SetAutoFailover : Activity<SetAutoFailover.Input, SetAutoFailover.Output>
{
    public override string Name => "openmldb.set-auto-failover";

    public override string Description => "Sets auto_failover with 'confset auto_failover <value>', verifies it with confget, and returns the previous value.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var previous = await Queries.AutoFailoverAsync(input, context, cancellationToken).ConfigureAwait(false);
        var value = input.Value ? "true" : "false";
        if (previous != input.Value)
        {
            var cmd = $"confset auto_failover {value}";
            OpenMldbCli.Expect(await OpenMldbCli.NsAsync(input, cmd, context, cancellationToken).ConfigureAwait(false), "set auto_failover ok", cmd, context);
            var now = await Queries.AutoFailoverAsync(input, context, cancellationToken).ConfigureAwait(false);
            if (now != input.Value)
            {
                throw new ActivityFailure(now ? "openmldb.auto-failover-still-on" : "openmldb.auto-failover-still-off",
                    $"'{cmd}' answered ok but confget still says auto_failover {(now ? "true" : "false")}; something else (the --auto_failover flag, another operator) sets it back. Manual repair commands are rejected while it is on.",
                    retryable: true);
            }
        }

        context.Log.Info("auto_failover was {Previous}, is now {Value}", previous ? "true" : "false", value);
        return new Output { Previous = previous, Current = input.Value };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var now = await Queries.AutoFailoverAsync(input, context, cancellationToken).ConfigureAwait(false);
        var value = input.Value ? "true" : "false";
        var command = ToolRunner(input, $"confset auto_failover {value}", context);
        return new ActivityPlan
        {
            Summary = now == input.Value ? $"auto_failover is {value} now: nothing to change unless an earlier step changes it" : $"set auto_failover from {(now ? "true" : "false")} to {value}",
            Effects = now == input.Value ? [] : [new PlannedEffect(EffectKind.Exec, command)],
        };
    }

    internal static string ToolRunner(NsInput input, string cmd, ActivityContext context) =>
        Process.ToolRunner.Display(OpenMldbCli.NsCommand(input, cmd), context);

    internal sealed record Input : NsInput
    {
        [Description("The value to set: false before manual repairs, the previous value afterwards.")]
        public required bool Value { get; init; }
    }

    internal sealed record Output
    {
        [Description("The value before this step.")]
        public bool Previous { get; init; }

        [Description("The value now.")]
        public bool Current { get; init; }
    }
}
