using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Flow;

internal sealed class FlowLog : Activity<FlowLog.Input, NoOutputs>
{
    public override string Name => "flow.log";

    public override string Description => "Writes a message to the run's log and the operator's terminal.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The author's text is a property, not the template: braces in it must not be read as placeholders.
        var message = context.Redactor.Redact(input.Message);
        if (input.Level == LogLevel.Warning)
        {
            context.Log.Warning("{Message}", message);
        }
        else
        {
            context.Log.Info("{Message}", message);
        }

        return Task.FromResult(new NoOutputs());
    }

    /// <summary>Read-only, but not run during planning: a plan that printed the run's messages would read as if it had run.</summary>
    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var level = input.Level == LogLevel.Warning ? "warning" : "info";
        return Task.FromResult(new ActivityPlan { Summary = $"log ({level}): {context.Redactor.Redact(input.Message)}" });
    }

    internal sealed record Input
    {
        [Description("The message; expressions are evaluated first.")]
        public required string Message { get; init; }

        [Description("info (default) or warning.")]
        public LogLevel Level { get; init; } = LogLevel.Info;
    }

    internal enum LogLevel
    {
        Info,
        Warning,
    }
}
