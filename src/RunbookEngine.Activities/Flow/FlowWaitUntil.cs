using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Http;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Flow;

/// <summary>
/// Polls until a condition holds: another activity's outputs (an HTTP status endpoint, an exec of a CLI) or a file,
/// re-read every <c>interval</c> on the context clock until <c>timeout</c>. Idempotent: polling already runs the
/// source again and again, so running the whole wait again after a crash adds nothing new.
/// </summary>
internal sealed class FlowWaitUntil : Activity<FlowWaitUntil.Input, FlowWaitUntil.Output>
{
    public const string ActivityName = "flow.wait-until";
    public const string TimedOut = "flow.wait-until.timeout";
    public const string ConditionFailed = "flow.wait-until.condition";

    private const int MaxShown = 300;
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public override string Name => ActivityName;

    public override string Description =>
        "Polls another activity (activity + with) or a file until a condition over its result holds, every interval up to a timeout.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (source, condition, interval, timeout) = Prepare(input, context);
        var redact = context.Redactor;
        var time = context.TimeProvider;
        var started = time.GetTimestamp();
        context.Log.Info("Polling {Source} every {Interval} for up to {Timeout} until {Condition}", source.Display, Durations.Format(interval), Durations.Format(timeout), redact.Redact(condition.Text));
        object? result = null;
        string? lastError = null;
        for (var attempt = 1; ; attempt++)
        {
            // A poll may run into the timeout by up to an interval, so the poll made at the deadline gets its chance.
            using var deadline = new CancellationTokenSource(Max(timeout - time.GetElapsedTime(started), interval), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                result = await source.ReadAsync(context, quiet: attempt > 1, linked.Token).ConfigureAwait(false);
                lastError = null;
                if (condition.Holds(result, out var error))
                {
                    var waited = time.GetElapsedTime(started);
                    context.Log.Info("{Condition} holds after {Attempts} polls ({Waited})", redact.Redact(condition.Text), attempt, Durations.Format(waited));
                    return new Output { Attempts = attempt, Result = RedactedValues.Of(result, redact), WaitedSeconds = waited.TotalSeconds };
                }

                if (error is not null)
                {
                    // Not retryable: an expression that cannot be evaluated now will not become evaluable by waiting.
                    throw new ActivityFailure(ConditionFailed, redact.Redact(error) + $"; result was {Show(result, redact)}", retryable: false);
                }
            }
            catch (ActivityFailure failure) when (failure.Retryable)
            {
                if (lastError is null)
                {
                    context.Log.Warning("{Source} failed ({Error}); polling on", source.Display, failure.Message);
                }

                lastError = failure.Message;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                lastError = "the poll was still running at the timeout";
            }

            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                // Retryable: whatever we wait for may just be slow; a retry policy can give it longer.
                var last = lastError is not null ? $"last poll failed: {lastError}" : $"last result: {Show(result, redact)}";
                throw new ActivityFailure(TimedOut,
                    redact.Redact($"{condition.Text} did not hold within {Durations.Format(timeout)} ({attempt} polls of {source.Display}); {last}"), retryable: true);
            }

            // Never sleep past the deadline: the last poll happens at the timeout, not up to an interval after it.
            await Task.Delay(remaining < interval ? remaining : interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Never waits: describes the polling, and says whether the condition holds now when the source can be read safely.</summary>
    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (source, condition, interval, timeout) = Prepare(input, context);
        var redact = context.Redactor;
        var (effects, risks, now, known) = await source.PlanAsync(context, cancellationToken).ConfigureAwait(false);
        var state = !known ? string.Empty : condition.Holds(now, out var error) ? " (it holds now)" : error is null ? " (it does not hold yet)" : $" ({redact.Redact(error)})";
        return new ActivityPlan
        {
            Summary = redact.Redact($"poll {source.Display} every {Durations.Format(interval)} for up to {Durations.Format(timeout)} until {condition.Text}{state}"),
            Effects = [new PlannedEffect(EffectKind.Wait, source.Display, $"up to {Durations.Format(timeout)}"), .. effects],
            Risks = risks,
        };
    }

    private static (PollSource Source, Condition Condition, TimeSpan Interval, TimeSpan Timeout) Prepare(Input input, ActivityContext context)
    {
        var condition = Condition.Parse(input.Until);
        var interval = input.Interval ?? DefaultInterval;
        var timeout = input.Timeout ?? DefaultTimeout;
        if (interval <= TimeSpan.Zero || timeout <= TimeSpan.Zero)
        {
            var name = interval <= TimeSpan.Zero ? "interval" : "timeout";
            throw new ActivityInputException(name, "a duration longer than 0s", $"input '{name}' must be longer than 0s");
        }

        PollSource source = (input.Activity, input.File) switch
        {
            ({ } activity, null) => ActivitySource.Of(activity, input.With, context),
            (null, { } file) when input.With is null => FileSource.Of(file, context),
            (null, not null) => throw new ActivityInputException("with", "no value without activity", "input 'with' gives the inputs of 'activity', which is not set"),
            _ => throw new ActivityInputException("activity", "exactly one of activity or file", "give exactly one of the inputs 'activity' (with its inputs in 'with') and 'file'"),
        };
        return (source, condition, interval, timeout);
    }

    private static string Show(object? value, SecretRedactor redact)
    {
        var text = ValueFormatter.ToJson(RedactedValues.Of(value, redact), out _);
        return text.Length > MaxShown ? text[..MaxShown] + "…" : text;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    internal sealed record Input
    {
        [Description("Condition over result (the polled activity's outputs, or the file as {exists, size, text, json}), written without ${{ }}: result.status == 'completed'.")]
        public required string Until { get; init; }

        [Description("Activity to poll, e.g. http.request or exec. Give this or file.")]
        public string? Activity { get; init; }

        [Description("Inputs of the polled activity, as its with: would be.")]
        public IReadOnlyDictionary<string, object?>? With { get; init; }

        [Description("File to read on every poll instead of an activity.")]
        public string? File { get; init; }

        [Description("Pause between polls (default 2s).")]
        public TimeSpan? Interval { get; init; }

        [Description("Give up after this long (default 5m).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("How many polls it took.")]
        public int Attempts { get; init; }

        [Description("The result the condition held for (the polled activity's outputs, or the file state).")]
        public object? Result { get; init; }

        [Description("Seconds from the first poll until the condition held.")]
        public double WaitedSeconds { get; init; }
    }
}
