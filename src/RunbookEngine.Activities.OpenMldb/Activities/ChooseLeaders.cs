using System.ComponentModel;
using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;
using RunbookEngine.Activities.OpenMldb.Recovery;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary>
/// Decides, per partition, which replica a data recovery loads as leader (see <see cref="LeaderChoice"/>) and which
/// replicas are then rebuilt from it. Outputs hold identities and the chosen leader's offset only, never the other
/// replicas' changing state, so the decision reads the same when a resumed run re-checks it.
/// </summary>
internal sealed class ChooseLeaders : Activity<ChooseLeaders.Input, ChooseLeaders.Output>
{
    public const string LostPartitions = "openmldb.lost-partitions";

    public override string Name => "openmldb.choose-leaders";

    public override string Description =>
        "Per partition, picks the leader-flagged replica on a healthy tablet with the numerically largest offset; the others are followers to recover. Fails on lost partitions unless skipLostPartitions.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (output, choices) = await DecideAsync(input, context, cancellationToken).ConfigureAwait(false);
        context.Log.Info("Leader choice: {Choice}", Explain(choices));
        return output;
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (output, choices) = await DecideAsync(input, context, cancellationToken).ConfigureAwait(false);
        var risks = new List<PlanRisk>();
        if (output.Lost.Count > 0)
        {
            risks.Add(new PlanRisk($"skipLostPartitions is set: {string.Join(", ", output.Lost.Select(l => $"{l.Name}/{l.Pid}"))} stay without a leader; their data stays unavailable (and is lost if their tablets never come back)", RiskSeverity.High));
        }

        risks.AddRange(choices.Where(c => c.Leader is not null && c.Candidates.Count(x => x.Offset == c.Leader.Offset) > 1)
            .Select(c => new PlanRisk($"{c.Name}/{c.Pid}: {c.Candidates.Count} leader-flagged replicas have the same offset {c.Leader!.Offset}; the first in showtable order is kept", RiskSeverity.Low)));
        risks.AddRange(output.Unreachable.Select(u => new PlanRisk($"{u.Name}/{u.Pid}: the replica on {u.Endpoint} is on a tablet that is not healthy and is not recovered", RiskSeverity.Medium)));
        return RanDuringPlanning(output, context.Redactor.Redact(Explain(choices))) with
        {
            Risks = risks,
            DataAtStake = output.Followers.Count == 0 ? null
                : $"writes that only a follower has (beyond its leader's offset) are discarded when {output.Followers.Count} follower replica(s) are rebuilt from the chosen leaders",
        };
    }

    private static async Task<(Output, IReadOnlyList<PartitionChoice>)> DecideAsync(Input input, ActivityContext context, CancellationToken ct)
    {
        var tablets = await Queries.TabletsAsync(input, context, ct).ConfigureAwait(false);
        var replicas = await Queries.ReplicasAsync(input, input.Table, context, ct).ConfigureAwait(false);
        var pids = input.Pids is { Count: > 0 } ? input.Pids.ToHashSet() : null;
        var inScope = replicas.Where(r => pids is null || pids.Contains(r.Pid)).ToList();
        if (inScope.Count == 0)
        {
            throw new ActivityFailure("openmldb.no-partitions", $"showtable lists no partition{(input.Table is null ? string.Empty : $" of table {input.Table}")}{(pids is null ? string.Empty : $" with pid {string.Join(",", pids)}")}", retryable: false);
        }

        var choices = LeaderChoice.Choose(inScope, tablets.Where(t => t.Healthy).Select(t => t.Endpoint).ToHashSet());
        var lost = choices.Where(c => c.LostReason is not null).Select(c => new Lost { Name = c.Name, Tid = c.Tid, Pid = c.Pid, Reason = c.LostReason! }).ToList();
        if (lost.Count > 0 && !input.SkipLostPartitions)
        {
            throw new ActivityFailure(LostPartitions, context.Redactor.Redact(
                $"{lost.Count} partition(s) have no usable leader replica: {string.Join("; ", lost.Select(l => $"{l.Name}/{l.Pid}: {l.Reason}"))}. "
                + "Start the tablets that hold them (step 1 of the procedure) and run again, or set skipLostPartitions to recover the other partitions and leave these without a leader."), retryable: false);
        }

        var kept = choices.Where(c => c.Leader is not null).ToList();
        var output = new Output
        {
            Leaders = kept.Select(c => new Leader
            {
                Name = c.Name, Tid = c.Tid, Pid = c.Pid, Endpoint = c.Leader!.Endpoint, Offset = c.Leader.Offset ?? -1,
                Followers = c.Followers.Select(f => ToMember(c, f)).ToList(),
            }).ToList(),
            Followers = kept.SelectMany(c => c.Followers.Select(f => ToMember(c, f))).ToList(),
            Unreachable = kept.SelectMany(c => c.Unreachable.Select(f => ToMember(c, f))).ToList(),
            Partitions = kept.Select(c => new PartitionRef { Name = c.Name, Pid = c.Pid }).ToList(),
            Lost = lost,
            TableEndpoints = inScope.Select(r => new TableEndpoint { Name = r.Name, Endpoint = r.Endpoint }).Distinct().ToList(),
            Summary = string.Join("; ", kept.Select(c => $"{c.Name}/{c.Pid} -> {c.Leader!.Endpoint} (offset {Show(c.Leader.Offset)})"))
                + (lost.Count == 0 ? string.Empty : $"; LEFT WITHOUT LEADER: {string.Join(", ", lost.Select(l => $"{l.Name}/{l.Pid}"))}"),
        };
        return (output, choices);
    }

    private static Member ToMember(PartitionChoice c, ReplicaRow r) => new() { Name = c.Name, Tid = c.Tid, Pid = c.Pid, Endpoint = r.Endpoint };

    private static string Show(long? offset) => offset?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The whole comparison, for plans and logs: every leader candidate with its offset.</summary>
    private static string Explain(IReadOnlyList<PartitionChoice> choices) => string.Join("; ", choices.Select(c => c.Leader is null
        ? $"{c.Name}/{c.Pid}: LOST ({c.LostReason})"
        : $"{c.Name}/{c.Pid}: keep {c.Leader.Endpoint} offset {Show(c.Leader.Offset)}"
            + (c.Candidates.Count > 1 ? $" (leader candidates: {string.Join(", ", c.Candidates.Select(x => $"{x.Endpoint}={Show(x.Offset)}"))})" : string.Empty)
            + (c.Followers.Count > 0 ? $", rebuild {string.Join(", ", c.Followers.Select(f => $"{f.Endpoint} (offset {Show(f.Offset)})"))}" : string.Empty)));

    internal sealed record Input : NsInput
    {
        [Description("Only this table (default: every table, as one-click recovery does).")]
        public string? Table { get; init; }

        [Description("Only these partition ids of the table.")]
        public IReadOnlyList<int>? Pids { get; init; }

        [Description("Go on when some partitions have no usable leader replica (they stay unavailable). Default false: stop before changing anything.")]
        public bool SkipLostPartitions { get; init; }
    }

    internal sealed record Output
    {
        [Description("One entry per partition to recover: the replica to load as leader, its offset and the followers to rebuild.")]
        public IReadOnlyList<Leader> Leaders { get; init; } = [];

        [Description("Every follower to rebuild with recovertable, across partitions.")]
        public IReadOnlyList<Member> Followers { get; init; } = [];

        [Description("Replicas on tablets that are not healthy; they are not recovered.")]
        public IReadOnlyList<Member> Unreachable { get; init; } = [];

        [Description("The partitions to recover as {name, pid}, for openmldb.assert-partitions-healthy.")]
        public IReadOnlyList<PartitionRef> Partitions { get; init; } = [];

        [Description("Partitions left without a leader (only with skipLostPartitions).")]
        public IReadOnlyList<Lost> Lost { get; init; } = [];

        [Description("Each (table, endpoint) pair that holds replicas, for 'updatetablealive <table> * <endpoint> no'.")]
        public IReadOnlyList<TableEndpoint> TableEndpoints { get; init; } = [];

        [Description("The decision in one line, for approval messages.")]
        public string Summary { get; init; } = string.Empty;
    }

    internal sealed record Leader
    {
        [Description("Table name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Table id.")]
        public int Tid { get; init; }

        [Description("Partition id.")]
        public int Pid { get; init; }

        [Description("Tablet whose replica is loaded as leader.")]
        public string Endpoint { get; init; } = string.Empty;

        [Description("Its offset (-1 when unknown).")]
        public long Offset { get; init; }

        [Description("The partition's other replicas on healthy tablets.")]
        public IReadOnlyList<Member> Followers { get; init; } = [];
    }

    internal sealed record Member
    {
        [Description("Table name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Table id.")]
        public int Tid { get; init; }

        [Description("Partition id.")]
        public int Pid { get; init; }

        [Description("Tablet of the replica.")]
        public string Endpoint { get; init; } = string.Empty;
    }

    internal sealed record Lost
    {
        [Description("Table name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Table id.")]
        public int Tid { get; init; }

        [Description("Partition id.")]
        public int Pid { get; init; }

        [Description("Why no replica can be loaded as leader.")]
        public string Reason { get; init; } = string.Empty;
    }

    internal sealed record TableEndpoint
    {
        [Description("Table name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Tablet endpoint.")]
        public string Endpoint { get; init; } = string.Empty;
    }
}
