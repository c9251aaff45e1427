using System.Collections.Concurrent;
using System.ComponentModel;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Core.Tests.Execution.Engine;

/// <summary>Activities whose effects tests can count, fail on purpose, stall, or observe in parallel.</summary>
internal sealed class EngineWorld
{
    public ConcurrentQueue<string> Effects { get; } = new();

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public int InFlight;

    public int MaxInFlight;

    public string CurrentFact { get; set; } = "node-1";

    public IActivity[] Activities => [new Touch(this), new Flaky(this), new Hang(), new Fact(this), new AskOperator(), new Idempotent(this)];

    /// <summary><c>test.touch</c>: records an effect (not idempotent), reports how many effects exist.</summary>
    internal sealed class Touch(EngineWorld world) : Activity<Touch.Input, Touch.Output>
    {
        public override string Name => "test.touch";

        public override string Description => "Records an effect.";

        public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref world.InFlight);
            InterlockedMax(ref world.MaxInFlight, now);
            await Task.Yield();
            world.Effects.Enqueue(input.Key);
            Interlocked.Decrement(ref world.InFlight);
            return new Output { Count = world.Effects.Count, Key = input.Key };
        }

        internal sealed record Input
        {
            [Description("What to record.")]
            public required string Key { get; init; }
        }

        internal sealed record Output
        {
            public int Count { get; init; }

            public string Key { get; init; } = string.Empty;
        }
    }

    /// <summary><c>test.flaky</c>: fails <c>failures</c> times per key, then succeeds.</summary>
    internal sealed class Flaky(EngineWorld world) : Activity<Flaky.Input, NoOutputs>
    {
        public override string Name => "test.flaky";

        public override string Description => "Fails a number of times.";

        public override Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
        {
            var calls = world.Calls.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
            if (calls <= input.Failures)
            {
                throw new ActivityFailure("test.flaky", $"failure {calls} of {input.Failures}", input.Retryable);
            }

            world.Effects.Enqueue(input.Key);
            return Task.FromResult(new NoOutputs());
        }

        internal sealed record Input
        {
            public required string Key { get; init; }

            public int Failures { get; init; }

            public bool Retryable { get; init; } = true;
        }
    }

    /// <summary><c>test.hang</c>: waits until cancelled (for timeouts and interruption).</summary>
    internal sealed class Hang : Activity<Hang.Input, NoOutputs>
    {
        public override string Name => "test.hang";

        public override string Description => "Never finishes by itself.";

        public override async Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return new NoOutputs();
        }

        internal sealed record Input;
    }

    /// <summary><c>test.fact</c>: read-only, reports the world's current fact.</summary>
    internal sealed class Fact(EngineWorld world) : Activity<Fact.Input, Fact.Output>
    {
        public override string Name => "test.fact";

        public override string Description => "Reads a fact.";

        public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

        public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Output { Value = world.CurrentFact });

        internal sealed record Input;

        internal sealed record Output
        {
            public string Value { get; init; } = string.Empty;
        }
    }

    /// <summary><c>test.ask</c>: asks an operator through the context's gate, like flow.approve.</summary>
    internal sealed class AskOperator : Activity<AskOperator.Input, NoOutputs>
    {
        public override string Name => "test.ask";

        public override string Description => "Asks an operator.";

        public override async Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
        {
            var decision = await context.Approvals.RequestAsync(new ApprovalRequest(context.StepPath, input.Message), cancellationToken);
            return decision.Outcome switch
            {
                ApprovalOutcome.Approved => new NoOutputs(),
                ApprovalOutcome.Denied => throw new ActivityFailure("approval.denied", "denied", retryable: false),
                _ => throw new ActivityPausedException(input.Message),
            };
        }

        internal sealed record Input
        {
            public required string Message { get; init; }
        }
    }

    /// <summary><c>test.idempotent</c>: an effect that is safe to repeat.</summary>
    internal sealed class Idempotent(EngineWorld world) : Activity<Idempotent.Input, NoOutputs>
    {
        public override string Name => "test.idempotent";

        public override string Description => "Safe to repeat.";

        public override ActivityTraits Traits => ActivityTraits.Idempotent;

        public override Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
        {
            world.Effects.Enqueue(input.Key);
            return Task.FromResult(new NoOutputs());
        }

        internal sealed record Input
        {
            public required string Key { get; init; }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
