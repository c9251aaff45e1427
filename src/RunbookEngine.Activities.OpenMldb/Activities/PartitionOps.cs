using System.ComponentModel;
using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary><c>changeleader &lt;table&gt; &lt;pid&gt; [candidate|auto]</c>: re-elects one partition's leader when offlineendpoint could not.</summary>
internal sealed class ChangeLeader : Activity<ChangeLeader.Input, OpsStarted>
{
    public override string Name => "openmldb.change-leader";

    public override string Description => "Re-elects one partition's leader with 'changeleader <table> <pid> [candidate]' (the alive follower with the largest offset unless a candidate is given).";

    public override ActivityTraits Traits => ActivityTraits.Destructive;

    public override async Task<OpsStarted> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var before = await Queries.LastOpIdAsync(input, context, cancellationToken).ConfigureAwait(false);
        var cmd = Command(input);
        OpenMldbCli.Expect(await OpenMldbCli.NsAsync(input, cmd, context, cancellationToken).ConfigureAwait(false), "change leader ok", cmd, context);
        return new OpsStarted { LastOpIdBefore = before, Partitions = 1 };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ActivityPlan
        {
            Summary = $"change the leader of {input.Table}/{input.Pid} to {input.Candidate ?? "the alive follower with the largest offset"}",
            Effects = [new PlannedEffect(EffectKind.Exec, SetAutoFailover.ToolRunner(input, Command(input), context))],
            DataAtStake = "writes the old leader took that the new leader did not receive (the CLI warns about data loss while writing)",
        });

    private static string Command(Input input) => $"changeleader {input.Table} {input.Pid}" + (input.Candidate is { } c ? $" {c}" : string.Empty);

    internal sealed record Input : NsInput
    {
        [Description("Table name.")]
        public required string Table { get; init; }

        [Description("Partition id.")]
        public required int Pid { get; init; }

        [Description("Endpoint of the alive follower to promote, or 'auto'.")]
        public string? Candidate { get; init; }
    }
}

/// <summary>
/// <c>recovertable &lt;table&gt; &lt;pid&gt; &lt;endpoint&gt;</c>: rebuilds one replica from its partition's leader. A replica that
/// is already alive needs nothing (the CLI says "table is alive, need not recover"), which counts as done, so a rerun
/// after a crash is harmless once the replica is back.
/// </summary>
internal sealed class RecoverTable : Activity<RecoverTable.Input, RecoverTable.Output>
{
    public override string Name => "openmldb.recover-table";

    public override string Description => "Rebuilds one replica from its leader with 'recovertable <table> <pid> <endpoint>'; an already alive replica is left alone.";

    public override ActivityTraits Traits => ActivityTraits.Destructive;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var before = await Queries.LastOpIdAsync(input, context, cancellationToken).ConfigureAwait(false);
        var cmd = $"recovertable {input.Table} {input.Pid} {input.Endpoint}";
        var text = await OpenMldbCli.NsAsync(input, cmd, context, cancellationToken).ConfigureAwait(false);
        if (text.Contains("table is alive, need not recover", StringComparison.Ordinal))
        {
            context.Log.Info("{Table}/{Pid} on {Endpoint} is already alive", input.Table, input.Pid, input.Endpoint);
            return new Output { LastOpIdBefore = before, AlreadyAlive = true };
        }

        OpenMldbCli.Expect(text, "recover table ok", cmd, context);
        return new Output { LastOpIdBefore = before };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var rows = (await Queries.ReplicasAsync(input, input.Table, context, cancellationToken).ConfigureAwait(false)).Where(r => r.Pid == input.Pid).ToList();
        var replica = rows.FirstOrDefault(r => r.Endpoint == input.Endpoint);
        var leader = rows.FirstOrDefault(r => r.IsLeader && r.IsAlive);
        var cmd = SetAutoFailover.ToolRunner(input, $"recovertable {input.Table} {input.Pid} {input.Endpoint}", context);
        return new ActivityPlan
        {
            Summary = replica is null ? $"{input.Table}/{input.Pid} has no replica on {input.Endpoint}: recovertable would fail"
                : $"rebuild {input.Table}/{input.Pid} on {input.Endpoint} (offset {Show(replica.Offset)}, alive={(replica.IsAlive ? "yes" : "no")} now) from the leader"
                    + (leader is null ? " (no alive leader now; an earlier step makes one)" : $" {leader.Endpoint} (offset {Show(leader.Offset)})"),
            Effects = [new PlannedEffect(EffectKind.Exec, cmd)],
            Risks = replica is null ? [new PlanRisk($"no replica of {input.Table}/{input.Pid} on {input.Endpoint}", RiskSeverity.High)] : [],
            DataAtStake = replica is null ? null : $"records of {input.Table}/{input.Pid} on {input.Endpoint} beyond the leader's offset",
        };
    }

    private static string Show(long? offset) => offset?.ToString(CultureInfo.InvariantCulture) ?? "-";

    internal sealed record Input : NsInput
    {
        [Description("Table name.")]
        public required string Table { get; init; }

        [Description("Partition id.")]
        public required int Pid { get; init; }

        [Description("Endpoint of the replica to rebuild.")]
        public required string Endpoint { get; init; }
    }

    internal sealed record Output
    {
        [Description("The largest op id before the command (for openmldb.wait-ops afterOpId).")]
        public long LastOpIdBefore { get; init; }

        [Description("The replica was already alive; nothing was started.")]
        public bool AlreadyAlive { get; init; }
    }
}

/// <summary>
/// <c>updatetablealive &lt;table&gt; &lt;pid|*&gt; &lt;endpoint&gt; yes|no</c>: sets the nameserver's is_alive flag of replicas.
/// Idempotent (a flag set twice is the same flag). Marking replicas not alive is how a data recovery starts; marking the
/// loaded leader alive is how it ends for that partition.
/// </summary>
internal sealed class UpdateTableAlive : Activity<UpdateTableAlive.Input, NoOutputs>
{
    public override string Name => "openmldb.update-table-alive";

    public override string Description => "Sets is_alive of a table's replicas on one endpoint with 'updatetablealive <table> <pid|*> <endpoint> yes|no'.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var cmd = Command(input);
        OpenMldbCli.Expect(await OpenMldbCli.NsAsync(input, cmd, context, cancellationToken).ConfigureAwait(false), "update ok", cmd, context);
        return new NoOutputs();
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var rows = (await Queries.ReplicasAsync(input, input.Table, context, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Endpoint == input.Endpoint && (input.Pid is null || r.Pid == input.Pid)).ToList();
        var change = rows.Count(r => r.IsAlive != input.Alive);
        return new ActivityPlan
        {
            Summary = $"mark {rows.Count} replica(s) of {input.Table} on {input.Endpoint} is_alive={(input.Alive ? "yes" : "no")} ({change} change now)",
            Effects = [new PlannedEffect(EffectKind.Exec, SetAutoFailover.ToolRunner(input, Command(input), context))],
            Risks = rows.Count == 0 ? [new PlanRisk($"{input.Table} has no replica on {input.Endpoint}: the command fails with 'no pid has update'", RiskSeverity.High)] : [],
        };
    }

    private static string Command(Input input) =>
        $"updatetablealive {input.Table} {(input.Pid is { } p ? p.ToString(CultureInfo.InvariantCulture) : "*")} {input.Endpoint} {(input.Alive ? "yes" : "no")}";

    internal sealed record Input : NsInput
    {
        [Description("Table name.")]
        public required string Table { get; init; }

        [Description("Partition id; omit for every partition (*).")]
        public int? Pid { get; init; }

        [Description("Endpoint of the replicas.")]
        public required string Endpoint { get; init; }

        [Description("true: yes, false: no.")]
        public required bool Alive { get; init; }
    }
}
