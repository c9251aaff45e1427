using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary>
/// Polls showopstatus until no op after <c>afterOpId</c> is kInited or kDoing (ops also start follow-up ops, e.g.
/// kRecoverTableOP then kReAddReplicaOP, so the list is re-read every time), and fails on the first kFailed or
/// kCanceled one with its type, partition and task. Idempotent: it only reads.
/// </summary>
internal sealed class WaitOps : Activity<WaitOps.Input, WaitOps.Output>
{
    public override string Name => "openmldb.wait-ops";

    public override string Description => "Waits until the nameserver ops created after afterOpId are done (showopstatus); fails on a kFailed/kCanceled op or at the timeout.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (done, polls, waited) = await Poll.UntilAsync(context, input.Interval, input.Timeout, "openmldb.ops-timeout", $"ops after #{input.AfterOpId} are done", async ct =>
        {
            var ops = (await Queries.OpsAsync(input, input.Table, context, ct).ConfigureAwait(false)).Where(o => o.OpId > input.AfterOpId).ToList();
            if (ops.FirstOrDefault(o => o.Failed) is { } failed)
            {
                throw new ActivityFailure("openmldb.op-failed", context.Redactor.Redact(
                    $"op {failed.OpId} {failed.OpType} of {failed.Name}/{failed.Pid} is {failed.Status} at task {failed.CurTask}; see the nameserver log, then repair the partition (changeleader / recovertable)"), retryable: false);
            }

            var pending = ops.Where(o => o.Pending).ToList();
            return (pending.Count == 0, ops.Count, pending.Count == 0 ? $"{ops.Count} op(s) done"
                : string.Join(", ", pending.Select(o => $"{o.OpId} {o.OpType} {o.Name}/{o.Pid} {o.Status} {o.CurTask}")));
        }, cancellationToken).ConfigureAwait(false);
        context.Log.Info("{Count} op(s) done after {Polls} polls", done, polls);
        return new Output { Ops = done, WaitedSeconds = waited };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var pending = (await Queries.OpsAsync(input, input.Table, context, cancellationToken).ConfigureAwait(false)).Count(o => o.OpId > input.AfterOpId && o.Pending);
        return new ActivityPlan
        {
            Summary = $"poll showopstatus every {Durations.Format(input.Interval ?? TimeSpan.FromSeconds(2))} for up to {Durations.Format(input.Timeout ?? TimeSpan.FromMinutes(30))} until the ops started by the previous step are done ({pending} running now)",
            Effects = [new PlannedEffect(EffectKind.Wait, "showopstatus", $"up to {Durations.Format(input.Timeout ?? TimeSpan.FromMinutes(30))}")],
        };
    }

    internal sealed record Input : NsInput
    {
        [Description("Only ops with a larger id count (the lastOpIdBefore output of the step that started them; default 0: every op).")]
        public long AfterOpId { get; init; }

        [Description("Only ops of this table.")]
        public string? Table { get; init; }

        [Description("Pause between polls (default 2s).")]
        public TimeSpan? Interval { get; init; }

        [Description("Give up after this long (default 30m).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("How many ops finished.")]
        public int Ops { get; init; }

        [Description("Seconds spent waiting.")]
        public double WaitedSeconds { get; init; }
    }
}

/// <summary>
/// Polls the tablet client's gettablestatus until a partition is kTableNormal, as the documented procedure says ("wait
/// for stat to change from TableLoading to TableNormal"). kTableLoading and kTableUndefined keep it waiting (as
/// tools/openmldb_ops.py does); any other state, or a partition the tablet does not have, fails.
/// </summary>
internal sealed class WaitTableLoaded : Activity<WaitTableLoaded.Input, WaitTableLoaded.Output>
{
    public override string Name => "openmldb.wait-table-loaded";

    public override string Description => "Waits until gettablestatus shows a partition kTableNormal on a tablet; fails on another state or at the timeout.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (row, _, waited) = await Poll.UntilAsync(context, input.Interval, input.Timeout, "openmldb.load-timeout", $"{input.Tid}_{input.Pid} on {input.Endpoint} is kTableNormal", async ct =>
        {
            var row = (await Queries.TableStatusAsync(input, context, ct).ConfigureAwait(false)).FirstOrDefault(r => r.Tid == input.Tid && r.Pid == input.Pid)
                ?? throw new ActivityFailure("openmldb.table-not-loaded", $"{input.Endpoint} does not have {input.Tid}_{input.Pid}; run loadtable first", retryable: false);
            if (row.State is not ("kTableNormal" or "kTableLoading" or "kTableUndefined"))
            {
                throw new ActivityFailure("openmldb.load-failed", $"{input.Tid}_{input.Pid} on {input.Endpoint} is {row.State}", retryable: false);
            }

            return (row.State == "kTableNormal", row, row.State);
        }, cancellationToken).ConfigureAwait(false);
        return new Output { Offset = row.Offset ?? -1, WaitedSeconds = waited };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ActivityPlan
        {
            Summary = $"poll gettablestatus on {input.Endpoint} every {Durations.Format(input.Interval ?? TimeSpan.FromSeconds(2))} for up to {Durations.Format(input.Timeout ?? TimeSpan.FromMinutes(30))} until {input.Tid}_{input.Pid} is kTableNormal",
            Effects = [new PlannedEffect(EffectKind.Wait, $"{input.Endpoint} {input.Tid}_{input.Pid}", $"up to {Durations.Format(input.Timeout ?? TimeSpan.FromMinutes(30))}")],
        });

    internal sealed record Input : TabletInput
    {
        [Description("Table id.")]
        public required int Tid { get; init; }

        [Description("Partition id.")]
        public required int Pid { get; init; }

        [Description("Pause between polls (default 2s).")]
        public TimeSpan? Interval { get; init; }

        [Description("Give up after this long (default 30m).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("The loaded partition's offset (-1 when not printed).")]
        public long Offset { get; init; }

        [Description("Seconds spent waiting.")]
        public double WaitedSeconds { get; init; }
    }
}

/// <summary>Polls showtablet until an endpoint is healthy: the operator restarted the failed tablet process.</summary>
internal sealed class WaitTabletHealthy : Activity<WaitTabletHealthy.Input, WaitTabletHealthy.Output>
{
    public override string Name => "openmldb.wait-tablet-healthy";

    public override string Description => "Waits until showtablet lists an endpoint as healthy (the operator restarts the tablet meanwhile).";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (_, _, waited) = await Poll.UntilAsync(context, input.Interval, input.Timeout, "openmldb.tablet-timeout", $"{input.Endpoint} is healthy", async ct =>
        {
            var tablet = (await Queries.TabletsAsync(input, context, ct).ConfigureAwait(false)).FirstOrDefault(t => t.Endpoint == input.Endpoint)
                ?? throw new ActivityFailure("openmldb.endpoint-not-found", $"showtablet does not list {input.Endpoint}", retryable: false);
            return (tablet.Healthy, 0, $"{tablet.State} for {tablet.Age}");
        }, cancellationToken).ConfigureAwait(false);
        return new Output { WaitedSeconds = waited };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var tablet = (await Queries.TabletsAsync(input, context, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Endpoint == input.Endpoint);
        return new ActivityPlan
        {
            Summary = $"wait up to {Durations.Format(input.Timeout ?? TimeSpan.FromMinutes(30))} until {input.Endpoint} is healthy ({tablet?.State ?? "not listed"} now)",
            Effects = [new PlannedEffect(EffectKind.Wait, input.Endpoint, $"up to {Durations.Format(input.Timeout ?? TimeSpan.FromMinutes(30))}")],
            Risks = tablet is null ? [new PlanRisk($"showtablet does not list {input.Endpoint}", RiskSeverity.High)] : [],
        };
    }

    internal sealed record Input : NsInput
    {
        [Description("The tablet's endpoint, host:port.")]
        public required string Endpoint { get; init; }

        [Description("Pause between polls (default 2s).")]
        public TimeSpan? Interval { get; init; }

        [Description("Give up after this long (default 30m).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("Seconds spent waiting.")]
        public double WaitedSeconds { get; init; }
    }
}
