using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Seed 000 C.1.1 ("method with data loss"): deletes the segments that make raft refuse to start with
/// <c>closed segment … is past last snapshot …</c>, so the node starts from its snapshot. The plan names every index
/// that is lost. Running it again on a repaired directory finds nothing to drop.
/// </summary>
internal sealed class CowsqlDropSegmentsPastSnapshot : Activity<CowsqlDropSegmentsPastSnapshot.Input, CowsqlDropSegmentsPastSnapshot.Output>
{
    public override string Name => "cowsql.drop-segments-past-snapshot";

    public override string Description => "Deletes the segments past the last snapshot that stop raft from starting (seed C.1.1, loses those entries on this node).";

    public override ActivityTraits Traits => ActivityTraits.Destructive | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var directory = context.ResolvePath(input.DataDirectory);
        var repair = Repair(directory);
        foreach (var segment in repair.Dropped)
        {
            cancellationToken.ThrowIfCancellationRequested();
            File.Delete(Path.Combine(directory, segment.Name));
            context.Log.Warning("{Directory}: deleted {Segment} ({Entries} entries)", directory, segment.Name, segment.EntryCount);
        }

        if (repair.NeedsRepair && FileSystemSync.Available)
        {
            FileSystemSync.Sync(directory);
        }

        var after = CowsqlInspect.Inspect(directory);
        if (after.Problems.Any(p => p.Kind == ProblemKind.ClosedSegmentPastLastSnapshot))
        {
            throw new ActivityFailure("cowsql.still-past-snapshot", $"{directory} still has a closed segment past the last snapshot after the drop", retryable: false);
        }

        context.Log.Info("{Directory}: {Outcome}", directory, repair.Describe());
        return Task.FromResult(ToOutput(repair, after));
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var directory = context.ResolvePath(input.DataDirectory);
        var repair = Repair(directory);
        var risks = new List<PlanRisk>();
        if (repair.NeedsRepair)
        {
            risks.Add(new PlanRisk($"{directory}: {repair.Describe()}. In a running cluster the leader sends them again; on a single node they are gone", RiskSeverity.High));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = $"{directory}: {repair.Describe()}",
            Effects = repair.Dropped.Select(s => new PlannedEffect(EffectKind.Delete, Path.Combine(directory, s.Name), s.EntryCount > 0 ? $"{s.EntryCount} entries" : "no entries", s.FileSize)).ToList(),
            Risks = risks,
            Destructive = repair.NeedsRepair,
            DataAtStake = repair.NeedsRepair ? $"raft entries {repair.DroppedFrom}–{repair.DroppedTo} of {directory}" : null,
        });
    }

    private static PastSnapshotRepair Repair(string directory)
    {
        try
        {
            return PastSnapshotRepair.Plan(directory);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            throw new ActivityFailure("cowsql.no-node-directory", $"{directory} cannot be inspected: {ex.Message}", retryable: false);
        }
    }

    private static Output ToOutput(PastSnapshotRepair repair, NodeReport after) => new()
    {
        Dropped = repair.Dropped.Select(s => s.Name).ToList(),
        LostEntries = repair.DroppedEntries,
        LostFrom = (long)repair.DroppedFrom,
        LostTo = (long)repair.DroppedTo,
        MissingFrom = repair.NeedsRepair ? (long)repair.MissingFrom : 0,
        MissingTo = repair.NeedsRepair ? (long)repair.MissingTo : 0,
        LastIndex = (long)after.LastIndex,
        LastTerm = (long)after.LastTerm,
        Summary = repair.Describe(),
    };

    internal sealed record Input
    {
        [Description("The stopped node's directory that fails with 'closed segment … is past last snapshot …'.")]
        public required string DataDirectory { get; init; }
    }

    internal sealed record Output
    {
        [Description("Segment files deleted (empty when nothing was past the snapshot).")]
        public IReadOnlyList<string> Dropped { get; init; } = [];

        [Description("Entries deleted with those files.")]
        public long LostEntries { get; init; }

        [Description("First deleted index (0 when none).")]
        public long LostFrom { get; init; }

        [Description("Last deleted index (0 when none).")]
        public long LostTo { get; init; }

        [Description("First index that was already missing (the gap after the snapshot).")]
        public long MissingFrom { get; init; }

        [Description("Last index that was already missing.")]
        public long MissingTo { get; init; }

        [Description("The node's last log index afterwards.")]
        public long LastIndex { get; init; }

        [Description("The node's last log term afterwards.")]
        public long LastTerm { get; init; }

        [Description("What was lost, in one line.")]
        public string Summary { get; init; } = string.Empty;
    }
}
