using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>One line of a run listing. A run whose files cannot be read is still listed, with <see cref="Problem"/>.</summary>
/// <param name="State">As the journal tells it; Running may mean the engine died (see <see cref="RunHistory.InDoubt"/>).</param>
/// <param name="StartedAt">First RunStarted; null if the run never started.</param>
/// <param name="Abandoned">The journal says running, but no process drives the run: the engine died (<see cref="RunLock.IsAbandoned"/>).</param>
internal sealed record RunSummary(
    string Id,
    string? Runbook,
    string? Version,
    RecordedRunState? State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? LastRecordAt,
    string? Problem,
    bool Abandoned = false)
{
    /// <summary><c>name@version</c>, or "?" when run.json is unreadable.</summary>
    public string Identity => Runbook is null ? "?" : $"{Runbook}@{Version}";
}
