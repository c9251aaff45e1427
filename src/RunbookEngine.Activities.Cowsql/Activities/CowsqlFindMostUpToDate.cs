using System.Globalization;
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

        // A node whose directory a plan cannot know yet (an earlier step creates it) arrives as null: left out.
        var reports = input.DataDirectories.Where(d => !string.IsNullOrEmpty(d)).Select(d =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return CowsqlInspect.Inspect(context.ResolvePath(d));
        }).ToList();
        var ranking = MostUpToDate.Rank(reports);
        var winner = ranking.Winner ?? throw new ActivityFailure("cowsql.no-usable-node", "no node directory holds a usable raft log", retryable: false);
        var rows = ranking.Rows.Select(r => new RankRow
        {
            Directory = r.Node.Directory,
            Id = r.Id?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Address = r.Address ?? string.Empty,
            Rank = r.Rank,
            LastTerm = (long)r.LastTerm,
            LastIndex = (long)r.LastIndex,
            SnapshotIndex = (long)(r.SnapshotIndex ?? 0),
            EntriesLost = r.EntriesLost is { } lost ? (long)lost : -1,
            HasErrors = r.HasErrors,
            Winner = r.IsWinner,
        }).ToList();
        // Seed 000 A.3 picks the highest N of the N-N segment .reconfigure writes, and N = last index + 1 (reference
        // §3.1, verified on real nodes): the doc's choice is the longest log, whatever its last term.
        var docPick = rows.Where(r => !r.HasErrors).OrderByDescending(r => r.LastIndex).FirstOrDefault();
        var docAgrees = docPick is null || docPick.Winner || (ranking.IsTie && ranking.Leaders.Any(l => l.Node.Directory == docPick.Directory));
        var table = string.Join("; ", rows.Select(r => $"#{r.Rank} {(r.Address.Length > 0 ? r.Address : r.Directory)} term {r.LastTerm} index {r.LastIndex}{(r.EntriesLost > 0 ? $" loses {r.EntriesLost}" : string.Empty)}"));
        return Task.FromResult(new Output
        {
            WinnerDirectory = winner.Node.Directory,
            WinnerAddress = winner.Address ?? string.Empty,
            WinnerId = winner.Id?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            LastTerm = (long)winner.LastTerm,
            LastIndex = (long)winner.LastIndex,
            Tie = ranking.IsTie,
            Tied = ranking.Leaders.Select(l => l.Node.Directory).ToList(),
            Table = rows,
            DocMethodDirectory = docPick?.Directory ?? string.Empty,
            DocMethodIndex = docPick is null ? 0 : docPick.LastIndex + 1,
            MethodsAgree = docAgrees,
            Membership = winner.Node.Configuration is { } configuration
                ? string.Join(", ", configuration.Members.Select(m => $"{m.Address} ({m.Role.ToString().ToLowerInvariant()})"))
                : string.Empty,
            Summary = (ranking.IsTie ? $"TIE between {ranking.Leaders.Count} nodes; " : string.Empty) + table,
        });
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken);
        var risks = new List<PlanRisk>();
        if (output.Tie)
        {
            risks.Add(new PlanRisk($"{output.Tied.Count} nodes are equally up to date; keeping any of them loses nothing, but check which one the procedure keeps", RiskSeverity.Medium));
        }

        if (!output.MethodsAgree)
        {
            risks.Add(new PlanRisk($"the seed's A.3 method (highest N-N index after .reconfigure) would pick {output.DocMethodDirectory} (N = {output.DocMethodIndex}); raft's rule picks {output.WinnerDirectory} (last term {output.LastTerm}). The doc ignores terms: its pick would lose acknowledged writes", RiskSeverity.High));
        }
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

        [Description("Its raft id from info.yaml, as decimal text; empty when unknown.")]
        public string WinnerId { get; init; } = string.Empty;

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

        [Description("The node the seed's A.3 method would pick (highest N-N index after .reconfigure, predicted as last index + 1).")]
        public string DocMethodDirectory { get; init; } = string.Empty;

        [Description("The N-N index A.3 would see on that node.")]
        public long DocMethodIndex { get; init; }

        [Description("Whether A.3's pick and raft's rule agree (false: A.3 would keep a node with an older last term).")]
        public bool MethodsAgree { get; init; }

        [Description("The raft membership in the winner's log (the configuration 'before'), e.g. '127.0.0.1:9001 (voter), …'.")]
        public string Membership { get; init; } = string.Empty;

        [Description("The table in one line, for approval messages.")]
        public string Summary { get; init; } = string.Empty;
    }

    internal sealed record RankRow
    {
        public string Directory { get; init; } = string.Empty;

        public string Id { get; init; } = string.Empty;

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
