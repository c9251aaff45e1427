using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary>What state a tablet must be in.</summary>
internal enum TabletExpectation
{
    Any,
    Healthy,
    Offline,
}

/// <summary>
/// Precondition: the endpoint is a tablet the nameserver knows, optionally in a given state. No outputs, so a resumed
/// run does not treat the state it changed on purpose (offline, then healthy again) as a changed fact.
/// </summary>
internal sealed class AssertTablet : Activity<AssertTablet.Input, NoOutputs>
{
    public override string Name => "openmldb.assert-tablet";

    public override string Description => "Fails unless showtablet lists the endpoint (and, if asked, in the healthy or offline state).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var tablets = await Queries.TabletsAsync(input, context, cancellationToken).ConfigureAwait(false);
        var tablet = tablets.FirstOrDefault(t => t.Endpoint == input.Endpoint)
            ?? throw new ActivityFailure("openmldb.endpoint-not-found",
                context.Redactor.Redact($"showtablet does not list {input.Endpoint}; tablets: {string.Join(", ", tablets.Select(t => t.Endpoint))}"), retryable: false);
        var ok = input.State switch
        {
            TabletExpectation.Healthy => tablet.Healthy,
            TabletExpectation.Offline => !tablet.Healthy,
            _ => true,
        };
        if (!ok)
        {
            throw new ActivityFailure("openmldb.tablet-state", context.Redactor.Redact($"tablet {input.Endpoint} is {tablet.State} (for {tablet.Age}), expected {input.State.ToString().ToLowerInvariant()}"), retryable: true);
        }

        context.Log.Info("Tablet {Endpoint} is {State} (for {Age})", input.Endpoint, tablet.State, tablet.Age);
        return new NoOutputs();
    }

    internal sealed record Input : NsInput
    {
        [Description("The tablet's endpoint, host:port.")]
        public required string Endpoint { get; init; }

        [Description("Required state: any (default), healthy or offline.")]
        public TabletExpectation State { get; init; } = TabletExpectation.Any;
    }
}

/// <summary>
/// Precondition of one-click recovery (openmldb_migrate.py RecoverData, systems.md 1.7 step 2): after a whole-cluster
/// cold restart no tablet has any partition in memory. A tablet that has some means the cluster was not fully
/// restarted, and reloading leaders there would clash with live data.
/// </summary>
internal sealed class AssertNothingLoaded : Activity<AssertNothingLoaded.Input, NoOutputs>
{
    public override string Name => "openmldb.assert-nothing-loaded";

    public override string Description => "Fails if any healthy tablet already has table partitions loaded (gettablestatus), as after anything but a whole-cluster restart.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var tablets = await Queries.TabletsAsync(input, context, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        foreach (var tablet in tablets.Where(t => t.Healthy))
        {
            var loaded = await Queries.TableStatusAsync(Queries.Tablet(input, tablet.Endpoint), context, cancellationToken).ConfigureAwait(false);
            if (loaded.Count > 0)
            {
                problems.Add($"endpoint {tablet.Endpoint} has table partitions ({string.Join(", ", loaded.Select(l => $"{l.Tid}_{l.Pid} {l.State}"))})");
            }
        }

        if (problems.Count > 0)
        {
            throw new ActivityFailure("openmldb.partitions-loaded", context.Redactor.Redact(string.Join("; ", problems)
                + ". One-click recovery is only for a cluster whose tablets all restarted; recover single tablets with manual-failover or one table with manual-data-recovery."), retryable: false);
        }

        return new NoOutputs();
    }

    internal sealed record Input : NsInput;
}

/// <summary>A partition, as runbooks pass them around.</summary>
internal sealed record PartitionRef
{
    [Description("Table name.")]
    public string Name { get; init; } = string.Empty;

    [Description("Partition id.")]
    public int Pid { get; init; }
}

/// <summary>
/// The final check of every recovery: each partition in scope has exactly one alive leader on a healthy tablet and
/// every replica is alive (replicas on ignored endpoints excepted). The documented success criterion is that
/// showtable's is_alive turns to yes.
/// </summary>
internal sealed class AssertPartitionsHealthy : Activity<AssertPartitionsHealthy.Input, NoOutputs>
{
    public override string Name => "openmldb.assert-partitions-healthy";

    public override string Description => "Fails unless every partition in scope has one alive leader and all its replicas alive (showtable).";

    /// <summary>Only reads. A post-condition: its plan describes the check rather than judging today's (broken) state.</summary>
    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Planning.ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Planning.ActivityPlan
        {
            Summary = "check with showtable that every partition"
                + (input.Endpoint is null ? string.Empty : $" with a replica on {input.Endpoint}")
                + (input.Table is null ? string.Empty : $" of {input.Table}")
                + (input.Partitions is null ? string.Empty : $" among {input.Partitions.Count} recovered")
                + " has one alive leader and all replicas alive"
                + (input.IgnoreEndpoints is { Count: > 0 } ? $" (except on {string.Join(", ", input.IgnoreEndpoints)})" : string.Empty),
            Effects = [new Planning.PlannedEffect(Planning.EffectKind.Read, "showtable")],
        });

    public override async Task<NoOutputs> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var tablets = (await Queries.TabletsAsync(input, context, cancellationToken).ConfigureAwait(false)).Where(t => t.Healthy).Select(t => t.Endpoint).ToHashSet();
        var rows = await Queries.ReplicasAsync(input, input.Table, context, cancellationToken).ConfigureAwait(false);
        var ignored = (input.IgnoreEndpoints ?? []).ToHashSet();
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var partition in rows.GroupBy(r => (r.Name, r.Pid)))
        {
            var inScope = (input.Endpoint is null || partition.Any(r => r.Endpoint == input.Endpoint))
                && (input.Partitions is null || input.Partitions.Any(p => p.Name == partition.Key.Name && p.Pid == partition.Key.Pid));
            if (!inScope)
            {
                continue;
            }

            checkedCount++;
            var id = $"{partition.Key.Name}/{partition.Key.Pid}";
            var leaders = partition.Count(r => r.IsLeader && r.IsAlive && tablets.Contains(r.Endpoint));
            if (leaders != 1)
            {
                problems.Add($"{id} has {leaders} alive leaders");
            }

            problems.AddRange(partition.Where(r => !r.IsAlive && !ignored.Contains(r.Endpoint)).Select(r => $"{id} replica on {r.Endpoint} is not alive"));
        }

        if (input.Partitions is { Count: > 0 } && checkedCount == 0)
        {
            problems.Add("none of the given partitions exists");
        }

        if (problems.Count > 0)
        {
            throw new ActivityFailure("openmldb.partitions-unhealthy", context.Redactor.Redact(string.Join("; ", problems)
                + ". Check showopstatus; recover single replicas with 'recovertable <table> <pid> <endpoint>' or a leaderless partition with 'changeleader <table> <pid>'."), retryable: true);
        }

        context.Log.Info("{Count} partition(s) have one alive leader and all replicas alive", checkedCount);
        return new NoOutputs();
    }

    internal sealed record Input : NsInput
    {
        [Description("Only this table.")]
        public string? Table { get; init; }

        [Description("Only partitions with a replica on this endpoint.")]
        public string? Endpoint { get; init; }

        [Description("Only these partitions ({name, pid}); the leaders output of openmldb.choose-leaders fits.")]
        public IReadOnlyList<PartitionRef>? Partitions { get; init; }

        [Description("Endpoints whose replicas may stay not alive (tablets knowingly left out).")]
        public IReadOnlyList<string>? IgnoreEndpoints { get; init; }
    }
}
