namespace RunbookEngine.Activities.Context;

/// <summary>How far a long activity is: bytes done of a total when known, and what it works on now (redacted).</summary>
public readonly record struct ActivityProgress(long BytesDone, long? BytesTotal, string? CurrentItem);

internal sealed class NullActivityProgress : IProgress<ActivityProgress>
{
    public static NullActivityProgress Instance { get; } = new();

    public void Report(ActivityProgress value)
    {
    }
}
