using System.ComponentModel;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.SamplePlugin;

public sealed class SampleEcho : Activity<SampleEcho.Input, SampleEcho.Output>
{
    public override string Name => "sample.echo";

    public override string Description => "Returns its text (a plugin used by the tests).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Output { Text = input.Text });

    public sealed record Input
    {
        [Description("What to return.")]
        public required string Text { get; init; }
    }

    public sealed record Output
    {
        [Description("The text given.")]
        public string Text { get; init; } = string.Empty;
    }
}
