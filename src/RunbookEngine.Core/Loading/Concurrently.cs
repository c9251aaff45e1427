namespace RunbookEngine.Loading;

/// <summary>
/// Runs independent pieces of work on every core and keeps the results in input order. A CLI process lives for
/// a fraction of a second, most of it spent loading code for the first time; two threads share that work.
/// Plain threads rather than Parallel or the thread pool: both cost more to start than they save here.
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

    private sealed record ExceptionHolder(Exception Exception);
}
