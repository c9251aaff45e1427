using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Ranking;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Ranks node directories by raft's own rule (higher last log term, then higher last index): the node whose
/// data a restore must keep. Ties are reported, never broken silently.
/// </summary>
internal sealed class CowsqlFindMostUpToDate : Activity<CowsqlFindMostUpToDate.Input, CowsqlFindMostUpToDate.Output>
{
    public override string Name => "cowsql.find-most-up-to-date";

    public override string Description => "Ranks node directories by raft's rule (last log term, then last index) and names the one to keep; reports ties.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (input.DataDirectories.Count == 0)
        {
            throw new ActivityFailure("cowsql.no-nodes", "no node directory was given", retryable: false);
        }

        var reports = input.DataDirectories.Select(d =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return CowsqlInspect.Inspect(context.ResolvePath(d));
        }).ToList();
        var ranking = MostUpToDate.Rank(reports);
        var winner = ranking.Winner ?? throw new ActivityFailure("cowsql.no-usable-node", "no node directory holds a usable raft log", retryable: false);
        var rows = ranking.Rows.Select(r => new RankRow
        {
            Directory = r.Node.Directory,
            Id = (long)(r.Id ?? 0),
            Address = r.Address ?? string.Empty,
            Rank = r.Rank,
            LastTerm = (long)r.LastTerm,
            LastIndex = (long)r.LastIndex,
            SnapshotIndex = (long)(r.SnapshotIndex ?? 0),
            EntriesLost = r.EntriesLost is { } lost ? (long)lost : -1,
            HasErrors = r.HasErrors,
            Winner = r.IsWinner,
        }).ToList();
        var table = string.Join("; ", rows.Select(r => $"#{r.Rank} {(r.Address.Length > 0 ? r.Address : r.Directory)} term {r.LastTerm} index {r.LastIndex}{(r.EntriesLost > 0 ? $" loses {r.EntriesLost}" : string.Empty)}"));
        return Task.FromResult(new Output
        {
            WinnerDirectory = winner.Node.Directory,
            WinnerAddress = winner.Address ?? string.Empty,
            WinnerId = (long)(winner.Id ?? 0),
            LastTerm = (long)winner.LastTerm,
            LastIndex = (long)winner.LastIndex,
            Tie = ranking.IsTie,
            Tied = ranking.Leaders.Select(l => l.Node.Directory).ToList(),
            Table = rows,
            Summary = (ranking.IsTie ? $"TIE between {ranking.Leaders.Count} nodes; " : string.Empty) + table,
        });
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken);
        var risks = output.Tie
            ? new[] { new PlanRisk($"{output.Tied.Count} nodes are equally up to date; keeping any of them loses nothing, but check which one the procedure keeps", RiskSeverity.Medium) }
            : [];
        return RanDuringPlanning(output, context.Redactor.Redact(output.Summary)) with { Risks = risks };
    }

    internal sealed record Input
    {
        [Description("The node directories to compare (one per node of the cluster).")]
        public required IReadOnlyList<string> DataDirectories { get; init; }
    }

    internal sealed record Output
    {
        [Description("Directory of the most up-to-date node (the data to keep).")]
        public string WinnerDirectory { get; init; } = string.Empty;

        [Description("Its address from info.yaml (empty when unknown).")]
        public string WinnerAddress { get; init; } = string.Empty;

        [Description("Its raft id from info.yaml (0 when unknown).")]
        public long WinnerId { get; init; }

        [Description("Its last log term.")]
        public long LastTerm { get; init; }

        [Description("Its last log index.")]
        public long LastIndex { get; init; }

        [Description("Whether several nodes are equally up to date.")]
        public bool Tie { get; init; }

        [Description("Directories of the equally up-to-date nodes when tied.")]
        public IReadOnlyList<string> Tied { get; init; } = [];

        [Description("One row per node, best first: rank, last term and index, snapshot, entries it would lose (-1: unknown).")]
        public IReadOnlyList<RankRow> Table { get; init; } = [];

        [Description("The table in one line, for approval messages.")]
        public string Summary { get; init; } = string.Empty;
    }

    internal sealed record RankRow
    {
        public string Directory { get; init; } = string.Empty;

        public long Id { get; init; }

        public string Address { get; init; } = string.Empty;

        public int Rank { get; init; }

        public long LastTerm { get; init; }

        public long LastIndex { get; init; }

        public long SnapshotIndex { get; init; }

        public long EntriesLost { get; init; }

        public bool HasErrors { get; init; }

        public bool Winner { get; init; }
    }
}
