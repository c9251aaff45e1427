using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary><c>confget auto_failover</c>: whether the nameserver repairs failed tablets by itself.</summary>
internal sealed class GetAutoFailover : Activity<GetAutoFailover.Input, GetAutoFailover.Output>
{
    public override string Name => "openmldb.get-auto-failover";

    public override string Description => "Reads auto_failover with 'confget auto_failover' on the nameserver client.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        new() { AutoFailover = await Queries.AutoFailoverAsync(input, context, cancellationToken).ConfigureAwait(false) };

    internal sealed record Input : NsInput;

    internal sealed record Output
    {
        [Description("Whether auto_failover is on.")]
        public bool AutoFailover { get; init; }
    }
}

/// <summary><c>showtablet</c>: every tablet with its nameserver state.</summary>
internal sealed class ShowTablets : Activity<ShowTablets.Input, ShowTablets.Output>
{
    public override string Name => "openmldb.show-tablets";

    public override string Description => "Lists tablets with 'showtablet': endpoint, state (kHealthy/kOffline) and age.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var rows = await Queries.TabletsAsync(input, context, cancellationToken).ConfigureAwait(false);
        return new Output
        {
            Tablets = rows.Select(r => new Tablet { Endpoint = r.Endpoint, RealEndpoint = r.RealEndpoint, State = r.State, Age = r.Age, Healthy = r.Healthy }).ToList(),
        };
    }

    internal sealed record Input : NsInput;

    internal sealed record Output
    {
        [Description("One entry per tablet, in showtablet order.")]
        public IReadOnlyList<Tablet> Tablets { get; init; } = [];
    }

    internal sealed record Tablet
    {
        [Description("host:port of the tablet.")]
        public string Endpoint { get; init; } = string.Empty;

        [Description("Real endpoint when use_name is set, else '-'.")]
        public string RealEndpoint { get; init; } = string.Empty;

        [Description("kHealthy or kOffline (kTabletHealthy/kTabletOffline on releases before Aug 2021).")]
        public string State { get; init; } = string.Empty;

        [Description("Time in this state, as printed (3h, 7m).")]
        public string Age { get; init; } = string.Empty;

        [Description("Whether the state is healthy.")]
        public bool Healthy { get; init; }
    }
}

/// <summary><c>showtable</c>: every replica of every partition, optionally of one table or on one endpoint.</summary>
internal sealed class ShowTable : Activity<ShowTable.Input, ShowTable.Output>
{
    public override string Name => "openmldb.show-table";

    public override string Description => "Lists replicas with 'showtable [table]': table, tid, pid, endpoint, role, is_alive, offset.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var rows = await Queries.ReplicasAsync(input, input.Table, context, cancellationToken).ConfigureAwait(false);
        return new Output
        {
            Replicas = rows.Where(r => input.Endpoint is null || r.Endpoint == input.Endpoint).Select(r => new Replica
            {
                Name = r.Name, Tid = r.Tid, Pid = r.Pid, Endpoint = r.Endpoint, Role = r.IsLeader ? "leader" : "follower", IsAlive = r.IsAlive, Offset = r.Offset,
            }).ToList(),
        };
    }

    internal sealed record Input : NsInput
    {
        [Description("Only this table (default: every table).")]
        public string? Table { get; init; }

        [Description("Only replicas on this endpoint.")]
        public string? Endpoint { get; init; }
    }

    internal sealed record Output
    {
        [Description("One entry per replica, in showtable order.")]
        public IReadOnlyList<Replica> Replicas { get; init; } = [];
    }

    internal sealed record Replica
    {
        [Description("Table name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Table id.")]
        public int Tid { get; init; }

        [Description("Partition id.")]
        public int Pid { get; init; }

        [Description("Tablet holding the replica.")]
        public string Endpoint { get; init; } = string.Empty;

        [Description("leader or follower.")]
        public string Role { get; init; } = string.Empty;

        [Description("Whether the nameserver counts the replica as alive.")]
        public bool IsAlive { get; init; }

        [Description("Binlog offset; null when the CLI prints '-'.")]
        public long? Offset { get; init; }
    }
}

/// <summary>
/// The partitions (table, tid, pid) that have a replica on an endpoint or belong to a table. Only identities, no
/// roles or liveness, so the result stays the same while a recovery changes them and a resumed run keeps going.
/// </summary>
internal sealed class ListPartitions : Activity<ListPartitions.Input, ListPartitions.Output>
{
    public override string Name => "openmldb.list-partitions";

    public override string Description => "Lists the partitions (name, tid, pid) with a replica on an endpoint or of a table, from 'showtable'.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        (await ReadAsync(input, context, cancellationToken).ConfigureAwait(false)).Output;

    public override async Task<Planning.ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (output, rows) = await ReadAsync(input, context, cancellationToken).ConfigureAwait(false);
        var detail = string.Join("; ", rows.Select(r => $"{r.Name}/{r.Pid} {r.Endpoint} {(r.IsLeader ? "leader" : "follower")} alive={(r.IsAlive ? "yes" : "no")} offset={r.Offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
        return RanDuringPlanning(output, context.Redactor.Redact($"{output.Count} partition(s): {detail}"));
    }

    private static async Task<(Output Output, IReadOnlyList<ReplicaRow> Rows)> ReadAsync(Input input, ActivityContext context, CancellationToken ct)
    {
        var rows = (await Queries.ReplicasAsync(input, input.Table, context, ct).ConfigureAwait(false))
            .Where(r => input.Endpoint is null || r.Endpoint == input.Endpoint).ToList();
        var partitions = rows.Select(r => new Partition { Name = r.Name, Tid = r.Tid, Pid = r.Pid }).Distinct().ToList();
        return (new Output { Partitions = partitions, Count = partitions.Count }, rows);
    }

    internal sealed record Input : NsInput
    {
        [Description("Only this table.")]
        public string? Table { get; init; }

        [Description("Only partitions with a replica on this endpoint.")]
        public string? Endpoint { get; init; }
    }

    internal sealed record Output
    {
        [Description("The partitions, in showtable order.")]
        public IReadOnlyList<Partition> Partitions { get; init; } = [];

        [Description("How many.")]
        public int Count { get; init; }
    }

    internal sealed record Partition
    {
        [Description("Table name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Table id.")]
        public int Tid { get; init; }

        [Description("Partition id.")]
        public int Pid { get; init; }
    }
}

/// <summary><c>showopstatus</c>: the nameserver's ops, with how many are still running or failed.</summary>
internal sealed class ShowOps : Activity<ShowOps.Input, ShowOps.Output>
{
    public override string Name => "openmldb.show-ops";

    public override string Description => "Lists nameserver ops with 'showopstatus [table]': id, type, partition, status, current task.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var ops = await Queries.OpsAsync(input, input.Table, context, cancellationToken).ConfigureAwait(false);
        return new Output
        {
            Ops = ops.Select(o => new Op { OpId = o.OpId, OpType = o.OpType, Name = o.Name, Pid = o.Pid, Status = o.Status, CurTask = o.CurTask }).ToList(),
            Pending = ops.Count(o => o.Pending),
            Failed = ops.Count(o => o.Failed),
            LastOpId = ops.Select(o => o.OpId).DefaultIfEmpty(0).Max(),
        };
    }

    internal sealed record Input : NsInput
    {
        [Description("Only ops of this table.")]
        public string? Table { get; init; }
    }

    internal sealed record Output
    {
        [Description("Every op, in showopstatus order.")]
        public IReadOnlyList<Op> Ops { get; init; } = [];

        [Description("Ops still kInited or kDoing.")]
        public int Pending { get; init; }

        [Description("Ops kFailed or kCanceled.")]
        public int Failed { get; init; }

        [Description("The largest op id (0 when there is none).")]
        public long LastOpId { get; init; }
    }

    internal sealed record Op
    {
        [Description("Op id.")]
        public long OpId { get; init; }

        [Description("kChangeLeaderOP, kRecoverTableOP, kReAddReplicaOP…")]
        public string OpType { get; init; } = string.Empty;

        [Description("Table name.")]
        public string Name { get; init; } = string.Empty;

        [Description("Partition id as printed.")]
        public string Pid { get; init; } = string.Empty;

        [Description("kInited, kDoing, kDone, kFailed or kCanceled.")]
        public string Status { get; init; } = string.Empty;

        [Description("The task it is on, '-' when finished.")]
        public string CurTask { get; init; } = string.Empty;
    }
}

/// <summary>Tablet client <c>gettablestatus</c>: the partitions a tablet has in memory and their load state.</summary>
internal sealed class GetTableStatus : Activity<GetTableStatus.Input, GetTableStatus.Output>
{
    public override string Name => "openmldb.get-table-status";

    public override string Description => "Lists the partitions loaded on one tablet with 'gettablestatus': tid, pid, offset, mode, state.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var rows = await Queries.TableStatusAsync(input, context, cancellationToken).ConfigureAwait(false);
        return new Output
        {
            Partitions = rows.Where(r => (input.Tid is null || r.Tid == input.Tid) && (input.Pid is null || r.Pid == input.Pid))
                .Select(r => new Loaded { Tid = r.Tid, Pid = r.Pid, Offset = r.Offset, Mode = r.Mode, State = r.State }).ToList(),
        };
    }

    internal sealed record Input : TabletInput
    {
        [Description("Only this table id.")]
        public int? Tid { get; init; }

        [Description("Only this partition id.")]
        public int? Pid { get; init; }
    }

    internal sealed record Output
    {
        [Description("Loaded partitions.")]
        public IReadOnlyList<Loaded> Partitions { get; init; } = [];
    }

    internal sealed record Loaded
    {
        [Description("Table id.")]
        public int Tid { get; init; }

        [Description("Partition id.")]
        public int Pid { get; init; }

        [Description("Offset in memory.")]
        public long? Offset { get; init; }

        [Description("kTableLeader or kTableFollower.")]
        public string Mode { get; init; } = string.Empty;

        [Description("kTableNormal, kTableLoading, kTableUndefined, kMakingSnapshot or kSnapshotPaused.")]
        public string State { get; init; } = string.Empty;
    }
}
