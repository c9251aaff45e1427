namespace RunbookEngine.Execution.Engine;

internal enum RememberedStatus
{
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Started, never finished: the engine stopped while it ran.</summary>
    InDoubt,

    /// <summary>Asked an operator and paused; asked again on resume.</summary>
    AwaitingApproval,
}

/// <param name="Outputs">A map for a step or item; the list of item outputs for a whole foreach step.</param>
internal sealed record RememberedStep(RememberedStatus Status, object? Outputs, int Attempts);

/// <summary>
/// What is known about a run's steps: replayed from the journal on resume, then kept current as the engine
/// records. Keys are step paths (<c>restore/copy</c>, <c>nodes[2]/wipe</c>) and foreach item indexes.
/// </summary>
internal sealed class RunMemory
{
    private readonly Dictionary<(string Path, int? Item), RememberedStep> _steps = [];
    private readonly Dictionary<string, string> _approvals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public static RunMemory Empty() => new();

    public RememberedStep? Find(string path, int? item)
    {
        lock (_gate)
        {
            return _steps.GetValueOrDefault((path, item));
        }
    }

    public void Set(string path, int? item, RememberedStep step)
    {
        lock (_gate)
        {
            _steps[(path, item)] = step;
        }
    }

    public void Approve(string path, string by)
    {
        lock (_gate)
        {
            _approvals[path] = by;
        }
    }

    public string? ApprovedBy(string path)
    {
        lock (_gate)
        {
            return _approvals.GetValueOrDefault(path);
        }
    }

    public IReadOnlyList<(string Path, int? Item)> InDoubt()
    {
        lock (_gate)
        {
            return _steps.Where(s => s.Value.Status == RememberedStatus.InDoubt).Select(s => s.Key).OrderBy(k => k.Path, StringComparer.Ordinal).ThenBy(k => k.Item).ToList();
        }
    }
}
