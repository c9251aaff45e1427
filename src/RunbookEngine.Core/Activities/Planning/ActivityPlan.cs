namespace RunbookEngine.Activities.Planning;

/// <summary>
/// What a step would do, for <c>runbook plan</c> and the approval screen. Plain data, serialisable with
/// System.Text.Json (enums as camelCase strings), so <c>plan --format json</c> is just a serializer call.
/// Every string in it is redacted by the activity that made it.
/// </summary>
public sealed record ActivityPlan
{
    /// <summary>One line: "copy 412 files (1.2 GiB) from /data/node1 to /backups".</summary>
    public required string Summary { get; init; }

    public IReadOnlyList<PlannedEffect> Effects { get; init; } = [];

    public IReadOnlyList<PlanRisk> Risks { get; init; } = [];

    /// <summary>Whether data can be lost; plans put these steps in front of the approver.</summary>
    public bool Destructive { get; init; }

    /// <summary>What would be lost if this goes wrong or was the wrong decision ("node 2's raft log, 3.1 GiB").</summary>
    public string? DataAtStake { get; init; }

    /// <summary>
    /// The activity really ran during planning (read-only activities do, so later steps plan with real values);
    /// its <see cref="Outputs"/> are then real.
    /// </summary>
    public bool RanForReal { get; init; }

    /// <summary>Outputs of a run made during planning, as expression values; null when nothing ran.</summary>
    public IReadOnlyDictionary<string, object?>? Outputs { get; init; }
}
