using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// Bytes done of a total, reported from parallel workers: at every file and every <see cref="ReportEvery"/> bytes
/// within a large one, one report at a time (the engine's sink need not be thread-safe), names redacted.
/// </summary>
internal sealed class ProgressMeter(ActivityContext context, long total)
{
    /// <summary>Often enough for a progress bar, rare enough to cost nothing.</summary>
    public const long ReportEvery = 16L << 20;

    private readonly Lock _lock = new();
    private long _done;

    public long Done => Interlocked.Read(ref _done);

    /// <summary>Counts <paramref name="bytes"/> of <paramref name="item"/> and reports if a report is due (<paramref name="force"/>: always).</summary>
    public void Add(long bytes, string? item, bool force = false)
    {
        var before = Interlocked.Add(ref _done, bytes) - bytes;
        if (force || before / ReportEvery != (before + bytes) / ReportEvery)
        {
            Report(item);
        }
    }

    public void Report(string? item)
    {
        var redacted = item is null ? null : context.Redactor.Redact(item);
        lock (_lock)
        {
            context.Progress.Report(new ActivityProgress(Done, total, redacted));
        }
    }
}
