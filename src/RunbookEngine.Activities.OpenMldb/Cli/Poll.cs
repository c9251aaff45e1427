using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.OpenMldb.Cli;

/// <summary>
/// Polls a probe on the context clock until it reports done, up to a timeout. Retryable failures of the probe (a
/// tablet that does not answer yet) keep the poll going; the last one is reported if time runs out.
/// </summary>
internal static class Poll
{
    public static async Task<(T Result, int Polls, double WaitedSeconds)> UntilAsync<T>(
        ActivityContext context, TimeSpan? interval, TimeSpan? timeout, string timeoutType, string what,
        Func<CancellationToken, Task<(bool Done, T Result, string State)>> probe, CancellationToken ct)
    {
        var every = interval ?? TimeSpan.FromSeconds(2);
        var limit = timeout ?? TimeSpan.FromMinutes(30);
        if (every <= TimeSpan.Zero || limit <= TimeSpan.Zero)
        {
            throw new ActivityInputException(every <= TimeSpan.Zero ? "interval" : "timeout", "a duration longer than 0s", "interval and timeout must be longer than 0s");
        }

        var time = context.TimeProvider;
        var started = time.GetTimestamp();
        var state = "not polled yet";
        for (var polls = 1; ; polls++)
        {
            try
            {
                var (done, result, now) = await probe(ct).ConfigureAwait(false);
                state = now;
                if (done)
                {
                    return (result, polls, time.GetElapsedTime(started).TotalSeconds);
                }
            }
            catch (ActivityFailure failure) when (failure.Retryable)
            {
                state = failure.Message;
            }

            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new ActivityFailure(timeoutType, context.Redactor.Redact($"{what} did not happen within {Format.Durations.Format(limit)} ({polls} polls); last seen: {state}"), retryable: true);
            }

            if (polls == 1)
            {
                context.Log.Info("Waiting until {What}: {State}", what, state);
            }

            await Task.Delay(remaining < every ? remaining : every, time, ct).ConfigureAwait(false);
        }
    }
}
