using System.Runtime.ExceptionServices;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Scans segment files on all cores: each file is independent until the log is assembled, and
/// checksumming is most of the work. Closed and open segments go in one batch, largest file first
/// (so no core is left with a big file at the end). The other cores start at once, one thread each;
/// the calling thread reads the small files meanwhile, then joins in. Problems are kept per file and
/// appended in file order, so the report does not depend on scheduling. Memory grows by one read
/// window (256 KiB) per core.
/// </summary>
/// <remarks>
/// Not Parallel.For: its generic workers are compiled at run time. Not the thread pool either: its
/// first work item in a process took 4.5 ms or more to queue (the pool starts up), a new thread
/// 0.4 ms; an inspection is worth one thread per core (docs/benchmarks-cowsql.md).
/// </remarks>
internal static class SegmentScanner
{
    /// <summary>
    /// Starts the other cores on the batch and returns at once, so the caller can read the small
    /// files meanwhile; <see cref="Batch.Finish"/> joins in and waits.
    /// </summary>
    public static Batch Start(List<SegmentFile> closed, List<SegmentFile> open, InspectOptions options)
    {
        var batch = new Batch([.. closed, .. open], closed.Count, options.VerifyClosedSegmentData);
        var workers = Math.Min(options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount, batch.Count);
        for (var i = 1; i < workers; i++)
        {
            new Thread(static state => ((Batch)state!).Work()) { IsBackground = true, Name = "cowsql segment scan" }.UnsafeStart(batch);
        }

        return batch;
    }

    internal sealed class Batch
    {
        private readonly SegmentFile[] _segments;
        private readonly int[] _order;
        private readonly bool _verifyClosedData;
        private readonly int _closedCount;
        // Never disposed: the thread that finishes last may still be inside Set when Wait returns.
        // Without a WaitHandle requested it holds no operating-system resource.
        private readonly ManualResetEventSlim _done = new();
        private int _next = -1;
        private int _remaining;
        private Exception? _failure;

        public Batch(SegmentFile[] segments, int closedCount, bool verifyClosedData)
        {
            _segments = segments;
            _closedCount = closedCount;
            _verifyClosedData = verifyClosedData;
            _remaining = segments.Length;
            Scans = new SegmentScan[segments.Length];
            Found = new List<Problem>[segments.Length];

            // Insertion sort by decreasing size, ties in file order: a node has tens of segments.
            _order = new int[segments.Length];
            for (var i = 0; i < _order.Length; i++)
            {
                var j = i;
                for (; j > 0 && segments[_order[j - 1]].File.Length < segments[i].File.Length; j--)
                {
                    _order[j] = _order[j - 1];
                }

                _order[j] = i;
            }
        }

        public int Count => _segments.Length;

        private SegmentScan[] Scans { get; }

        private List<Problem>[] Found { get; }

        /// <summary>Scans what is left on the calling thread, waits for the others, appends the problems in file order.</summary>
        public (List<SegmentScan> Closed, List<SegmentScan> Open) Finish(List<Problem> problems)
        {
            Work();
            Wait();
            foreach (var list in Found)
            {
                problems.AddRange(list);
            }

            return (Scans[.._closedCount].ToList(), Scans[_closedCount..].ToList());
        }

        /// <summary>Takes files until none is left; a work item that starts late finds nothing and touches nothing.</summary>
        public void Work()
        {
            int next;
            while ((next = Interlocked.Increment(ref _next)) < _order.Length)
            {
                var i = _order[next];
                try
                {
                    Found[i] = [];
                    Scans[i] = SegmentReader.Scan(_segments[i], _verifyClosedData, Found[i]);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _failure, ex, null);
                }

                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _done.Set();
                }
            }
        }

        /// <summary>Until every file is scanned (by whichever thread took it); rethrows a failure.</summary>
        private void Wait()
        {
            if (_segments.Length > 0)
            {
                _done.Wait();
            }

            if (_failure is not null)
            {
                ExceptionDispatchInfo.Throw(_failure);
            }
        }
    }
}
