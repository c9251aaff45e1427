using System.ComponentModel;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Core.Tests.Support;

/// <summary>Small activities for loader tests, so Core tests do not depend on the built-in ones.</summary>
internal static class TestActivities
{
    public static ActivityCatalog Catalog { get; } = new([new Echo(), new Probe(), new Noop()]);

    /// <summary><c>test.echo</c>: one required string, typed optional inputs, two outputs.</summary>
    internal sealed class Echo : Activity<Echo.Input, Echo.Output>
    {
        public override string Name => "test.echo";

        public override string Description => "Echoes a message.";

        public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Output { Text = input.Message, Count = 1, Ok = true });

        internal sealed record Input
        {
            [Description("The message.")]
            public required string Message { get; init; }

            [Description("A port.")]
            public int? Port { get; init; }

            public TimeSpan? Wait { get; init; }

            public EchoMode Mode { get; init; }

            public IReadOnlyList<string>? Tags { get; init; }

            public bool Loud { get; init; }
        }

        internal sealed record Output
        {
            public string Text { get; init; } = string.Empty;

            public long Count { get; init; }

            public bool Ok { get; init; }
        }
    }

    internal enum EchoMode
    {
        Plain,
        UpperCase,
    }

    /// <summary><c>test.probe</c>: a required int input and a required address.</summary>
    internal sealed class Probe : Activity<Probe.Input, Probe.Output>
    {
        public override string Name => "test.probe";

        public override string Description => "Probes an address.";

        public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Output());

        internal sealed record Input
        {
            public required string Address { get; init; }

            public required int Port { get; init; }
        }

        internal sealed record Output
        {
            public bool Open { get; init; }
        }
    }

    /// <summary><c>test.noop</c>: no inputs, no outputs.</summary>
    internal sealed class Noop : Activity<Noop.Input, NoOutputs>
    {
        public override string Name => "test.noop";

        public override string Description => "Does nothing.";

        public override Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new NoOutputs());

        internal sealed record Input;
    }
}
