using System.Runtime.ExceptionServices;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// Scans segment files on all cores: each file is independent until the log is assembled, and
/// checksumming is most of the work. Closed and open segments go in one batch, largest file first
/// (so no core is left with a big file at the end); the calling thread works too, helped by one
/// thread-pool work item per other core. Problems are kept per file and appended in file order, so
/// the report does not depend on scheduling. Memory grows by one read window (256 KiB) per core.
/// </summary>
/// <remarks>
/// Not Parallel.For: its generic workers are compiled at run time, which cost the first inspection
/// in a process more than the scheduling here (docs/benchmarks-cowsql.md).
/// </remarks>
internal static class SegmentScanner
{
    public static (List<SegmentScan> Closed, List<SegmentScan> Open) ScanAll(
        List<SegmentFile> closed, List<SegmentFile> open, InspectOptions options, List<Problem> problems)
    {
        var batch = new Batch([.. closed, .. open], options.VerifyClosedSegmentData);
        var workers = Math.Min(options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount, batch.Count);
        for (var i = 1; i < workers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => ((Batch)state!).Work(), batch);
        }

        batch.Work();
        batch.Wait();
        foreach (var list in batch.Found)
        {
            problems.AddRange(list);
        }

        return (batch.Scans[..closed.Count].ToList(), batch.Scans[closed.Count..].ToList());
    }

    private sealed class Batch
    {
        private readonly SegmentFile[] _segments;
        private readonly int[] _order;
        private readonly bool _verifyClosedData;
        // Never disposed: the thread that finishes last may still be inside Set when Wait returns.
        // Without a WaitHandle requested it holds no operating-system resource.
        private readonly ManualResetEventSlim _done = new();
        private int _next = -1;
        private int _remaining;
        private Exception? _failure;

        public Batch(SegmentFile[] segments, bool verifyClosedData)
        {
            _segments = segments;
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

        public SegmentScan[] Scans { get; }

        public List<Problem>[] Found { get; }

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
        public void Wait()
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
