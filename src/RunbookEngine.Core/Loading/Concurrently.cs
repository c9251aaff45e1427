namespace RunbookEngine.Loading;

/// <summary>
/// Runs independent pieces of work on every core and keeps the results in input order. A CLI process lives for
/// a fraction of a second, most of it spent running code for the first time; two threads share that work.
/// Plain threads, started for the call and joined before it returns (not measured against Parallel or the thread
/// pool; they would load more code of their own). See docs/benchmarks.md for which of the two shapes pays.
/// </summary>
internal static class Concurrently
{
    public static TResult[] Map<TResult>(int count, Func<int, TResult> work)
    {
        var results = new TResult[count];
        var next = -1;
        ExceptionHolder? failure = null;
        void Drain()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && Volatile.Read(ref failure) is null)
            {
                try
                {
                    results[i] = work(i);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref failure, new ExceptionHolder(ex), null);
                }
            }
        }

        var helpers = Math.Min(Environment.ProcessorCount, count) - 1;
        var threads = new Thread[Math.Max(helpers, 0)];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(Drain) { IsBackground = true, Name = "runbook-load" };
            threads[t].Start();
        }

        Drain();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure.Exception);
        }

        return results;
    }

    /// <summary>
    /// Two-stage work: a helper thread runs <paramref name="first"/> for every item in order while the calling thread
    /// runs <paramref name="second"/> on each item as soon as its first stage is done. Unlike <see cref="Map"/>, the
    /// two threads mostly run different code, so they seldom wait for each other to load the same types. The first
    /// stage being the shorter, the helper then takes second stages from the end of the list until the two meet.
    /// </summary>
    public static TResult[] Pipeline<TMiddle, TResult>(int count, Func<int, TMiddle> first, Func<TMiddle, TResult> second)
    {
        var results = new TResult[count];
        if (Environment.ProcessorCount < 2 || count < 2)
        {
            for (var i = 0; i < count; i++)
            {
                results[i] = second(first(i));
            }

            return results;
        }

        var middles = new TMiddle[count];
        var claimed = new int[count];
        ExceptionHolder? failure = null;
        var stop = false;
        using var ready = new SemaphoreSlim(0);
        var helper = new Thread(() =>
        {
            var i = 0;
            try
            {
                for (; i < count && !Volatile.Read(ref stop); i++)
                {
                    middles[i] = first(i);
                    ready.Release();
                }

                for (var j = count - 1; j >= 0 && !Volatile.Read(ref stop) && Interlocked.CompareExchange(ref claimed[j], 1, 0) == 0; j--)
                {
                    results[j] = second(middles[j]);
                }
            }
            catch (Exception ex)
            {
                Volatile.Write(ref failure, new ExceptionHolder(ex));
                ready.Release(count - Math.Min(i, count) + 1);
            }
        }) { IsBackground = true, Name = "runbook-parse" };
        helper.Start();
        try
        {
            for (var i = 0; i < count; i++)
            {
                ready.Wait();
                if (Volatile.Read(ref failure) is not null || Interlocked.CompareExchange(ref claimed[i], 1, 0) != 0)
                {
                    // A failure, or the helper has taken this item and every later one.
                    break;
                }

                results[i] = second(middles[i]);
            }
        }
        finally
        {
            // A failing second stage stops the first; the helper is done before the semaphore is disposed.
            Volatile.Write(ref stop, true);
            helper.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure.Exception);
        }

        return results;
    }

    private sealed record ExceptionHolder(Exception Exception);
}
