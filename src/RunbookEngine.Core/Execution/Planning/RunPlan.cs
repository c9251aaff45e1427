using RunbookEngine.Activities;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Execution.Planning;

/// <summary>What a run would do, step by step, without doing it: for review before anything is touched.</summary>
internal sealed record RunPlan(string Runbook, string Version, string? Source, IReadOnlyList<KeyValuePair<string, string>> Parameters, IReadOnlyList<PlannedStep> Steps)
{
    public bool Destructive => Steps.Any(s => s.Plan?.Destructive == true);
}

/// <param name="Status">planned, skipped (when is false), ran (read-only, ran for real), blocked (would stop the run), unknown (depends on results only a run has).</param>
internal sealed record PlannedStep(string Path, string Title, string Kind, ActivityTraits Traits, string Status, int? Item, ActivityPlan? Plan, string? Note)
{
    public const string Planned = "planned";
    public const string Skipped = "skipped";
    public const string Ran = "ran";
    public const string Blocked = "blocked";
    public const string Unknown = "unknown";
}
