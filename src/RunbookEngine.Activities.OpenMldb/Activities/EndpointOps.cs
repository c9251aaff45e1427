using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary>Outputs of the commands that start nameserver ops: where to start waiting from.</summary>
internal sealed record OpsStarted
{
    [Description("The largest op id before the command; openmldb.wait-ops afterOpId waits for the ops created after it.")]
    public long LastOpIdBefore { get; init; }

    [Description("How many partitions the command affects.")]
    public int Partitions { get; init; }
}

/// <summary>
/// <c>offlineendpoint &lt;ep&gt;</c> (systems.md 1.6): for every partition on the endpoint a leader is re-elected
/// (kChangeLeaderOP) or the replica is removed from its leader (kOfflineReplicaOP). Asynchronous: wait with
/// openmldb.wait-ops. Destructive: writes to a leader on the failed node that followers had not received are lost.
/// </summary>
internal sealed class OfflineEndpoint : Activity<OfflineEndpoint.Input, OpsStarted>
{
    public override string Name => "openmldb.offline-endpoint";

    public override string Description => "Takes a failed tablet out of service with 'offlineendpoint <endpoint>': leaders move to the alive follower with the largest offset.";

    public override ActivityTraits Traits => ActivityTraits.Destructive;

    public override async Task<OpsStarted> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var before = await Queries.LastOpIdAsync(input, context, cancellationToken).ConfigureAwait(false);
        var replicas = (await Queries.ReplicasAsync(input, null, context, cancellationToken).ConfigureAwait(false)).Where(r => r.Endpoint == input.Endpoint).ToList();
        var cmd = Command(input);
        OpenMldbCli.Expect(await OpenMldbCli.NsAsync(input, cmd, context, cancellationToken).ConfigureAwait(false), "offline endpoint ok", cmd, context);
        return new OpsStarted { LastOpIdBefore = before, Partitions = replicas.Count };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var all = await Queries.ReplicasAsync(input, null, context, cancellationToken).ConfigureAwait(false);
        var mine = all.Where(r => r.Endpoint == input.Endpoint).ToList();
        var risks = new List<PlanRisk>();
        var leaders = mine.Where(r => r.IsLeader).ToList();
        foreach (var leader in leaders)
        {
            var alive = all.Where(r => r.Name == leader.Name && r.Pid == leader.Pid && !r.IsLeader && r.IsAlive).ToList();
            if (alive.Count == 0)
            {
                risks.Add(new PlanRisk($"{leader.Name}/{leader.Pid} has no alive follower: the change-leader op fails and the partition has no leader until the node is recovered", RiskSeverity.High));
            }
        }

        if (await Queries.AutoFailoverAsync(input, context, cancellationToken).ConfigureAwait(false))
        {
            risks.Add(new PlanRisk("auto_failover is on now; offlineendpoint is rejected unless an earlier step turns it off", RiskSeverity.Low));
        }

        return new ActivityPlan
        {
            Summary = $"offline {input.Endpoint}: re-elect the leader of {leaders.Count} partition(s), remove {mine.Count - leaders.Count} follower replica(s) from their leaders",
            Effects = [new PlannedEffect(EffectKind.Exec, SetAutoFailover.ToolRunner(input, Command(input), context)),
                .. mine.Select(r => new PlannedEffect(EffectKind.Write, $"{r.Name}/{r.Pid} on {r.Endpoint}", r.IsLeader ? "kChangeLeaderOP: the alive follower with the largest offset becomes leader" : "kOfflineReplicaOP"))],
            Risks = risks,
            DataAtStake = leaders.Count == 0 ? null
                : $"writes to the leader replicas on {input.Endpoint} ({string.Join(", ", leaders.Select(l => $"{l.Name}/{l.Pid}"))}) that no follower received",
        };
    }

    private static string Command(Input input) => input.Concurrency is { } c ? $"offlineendpoint {input.Endpoint} {c}" : $"offlineendpoint {input.Endpoint}";

    internal sealed record Input : NsInput
    {
        [Description("The failed tablet's endpoint, host:port.")]
        public required string Endpoint { get; init; }

        [Description("Ops run at once (1..8, name_server_task_max_concurrency); default: the nameserver's (2).")]
        public int? Concurrency { get; init; }
    }
}

/// <summary>
/// <c>recoverendpoint &lt;ep&gt;</c>: every replica on the (healthy again) endpoint that is not alive is rebuilt from its
/// partition's leader (kRecoverTableOP, then kReAddReplica…OP). Destructive for the recovering node: a replica that
/// does not match the leader's term and offset is dropped and re-sent. Requires offlineendpoint before it.
/// </summary>
internal sealed class RecoverEndpoint : Activity<RecoverEndpoint.Input, OpsStarted>
{
    public override string Name => "openmldb.recover-endpoint";

    public override string Description => "Brings a repaired tablet's replicas back with 'recoverendpoint <endpoint>': each not-alive replica is rebuilt from its leader.";

    public override ActivityTraits Traits => ActivityTraits.Destructive;

    public override async Task<OpsStarted> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var before = await Queries.LastOpIdAsync(input, context, cancellationToken).ConfigureAwait(false);
        var dead = (await Queries.ReplicasAsync(input, null, context, cancellationToken).ConfigureAwait(false)).Count(r => r.Endpoint == input.Endpoint && !r.IsAlive);
        var cmd = Command(input);
        OpenMldbCli.Expect(await OpenMldbCli.NsAsync(input, cmd, context, cancellationToken).ConfigureAwait(false), "recover endpoint ok", cmd, context);
        return new OpsStarted { LastOpIdBefore = before, Partitions = dead };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var mine = (await Queries.ReplicasAsync(input, null, context, cancellationToken).ConfigureAwait(false)).Where(r => r.Endpoint == input.Endpoint).ToList();
        var tablet = (await Queries.TabletsAsync(input, context, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Endpoint == input.Endpoint);
        var risks = new List<PlanRisk>();
        if (tablet is not { Healthy: true })
        {
            risks.Add(new PlanRisk($"{input.Endpoint} is {tablet?.State ?? "unknown to showtablet"} now; recoverendpoint needs it healthy (an earlier step waits for that)", RiskSeverity.Low));
        }

        var dead = mine.Where(r => !r.IsAlive).ToList();
        var alive = mine.Count - dead.Count;
        return new ActivityPlan
        {
            Summary = $"recover {input.Endpoint}: rebuild its replicas from their leaders ({dead.Count} not alive now, {alive} alive now and skipped unless offlined first)",
            Effects = [new PlannedEffect(EffectKind.Exec, SetAutoFailover.ToolRunner(input, Command(input), context)),
                .. mine.Select(r => new PlannedEffect(EffectKind.Write, $"{r.Name}/{r.Pid} on {r.Endpoint}", "kRecoverTableOP: re-added as follower of the current leader"))],
            Risks = risks,
            DataAtStake = mine.Count == 0 ? null : $"data on {input.Endpoint} that its partitions' current leaders do not have is dropped when the replica is re-sent",
        };
    }

    private static string Command(Input input) =>
        $"recoverendpoint {input.Endpoint}" + (input.NeedRestore is { } r ? $" {(r ? "true" : "false")}" : string.Empty)
        + (input.Concurrency is { } c ? (input.NeedRestore is null ? " false" : string.Empty) + $" {c}" : string.Empty);

    internal sealed record Input : NsInput
    {
        [Description("The tablet's endpoint, host:port; it must be healthy in showtablet.")]
        public required string Endpoint { get; init; }

        [Description("need_restore: give leadership back to partitions this tablet led before (default false).")]
        public bool? NeedRestore { get; init; }

        [Description("Ops run at once (1..8).")]
        public int? Concurrency { get; init; }
    }
}
