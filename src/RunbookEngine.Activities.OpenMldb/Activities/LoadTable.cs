using System.ComponentModel;
using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.OpenMldb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.OpenMldb.Activities;

/// <summary>
/// Tablet client <c>loadtable &lt;name&gt; &lt;tid&gt; &lt;pid&gt; &lt;ttl&gt; &lt;seg_cnt&gt; [is_leader]</c> (systems.md 1.4): reloads a
/// partition from the tablet's snapshot and binlog, in the background. Idempotent: a partition already in the tablet's
/// memory (gettablestatus) is not loaded again, so a rerun after a crash neither fails nor loads twice.
/// </summary>
internal sealed class LoadTable : Activity<LoadTable.Input, LoadTable.Output>
{
    public override string Name => "openmldb.load-table";

    public override string Description => "Loads a partition from disk into a tablet with the tablet client's 'loadtable' (skipped when gettablestatus shows it loaded).";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var loaded = (await Queries.TableStatusAsync(input, context, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Tid == input.Tid && r.Pid == input.Pid);
        if (loaded is not null)
        {
            context.Log.Info("{Tid}_{Pid} is already on {Endpoint} ({State})", input.Tid, input.Pid, input.Endpoint, loaded.State);
            return new Output { AlreadyLoaded = true };
        }

        var cmd = Command(input);
        OpenMldbCli.Expect(await OpenMldbCli.TabletAsync(input, cmd, context, cancellationToken).ConfigureAwait(false), "LoadTable ok", cmd, context);
        return new Output();
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var command = Process.ToolRunner.Display(OpenMldbCli.TabletCommand(input, Command(input)), context);
        try
        {
            var loaded = (await Queries.TableStatusAsync(input, context, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Tid == input.Tid && r.Pid == input.Pid);
            return loaded is not null
                ? new ActivityPlan { Summary = $"{input.Table} {input.Tid}_{input.Pid} is already loaded on {input.Endpoint} ({loaded.State}): nothing to do" }
                : new ActivityPlan
                {
                    Summary = $"load {input.Table} {input.Tid}_{input.Pid} on {input.Endpoint} as {(input.IsLeader ? "leader" : "follower")} from its snapshot and binlog",
                    Effects = [new PlannedEffect(EffectKind.Exec, command)],
                };
        }
        catch (ActivityFailure failure)
        {
            return new ActivityPlan
            {
                Summary = $"load {input.Table} {input.Tid}_{input.Pid} on {input.Endpoint}",
                Effects = [new PlannedEffect(EffectKind.Exec, command)],
                Risks = [new PlanRisk($"{input.Endpoint} cannot be asked now: {failure.Message}", RiskSeverity.High)],
            };
        }
    }

    private static string Command(Input input) => string.Create(CultureInfo.InvariantCulture,
        $"loadtable {input.Table} {input.Tid} {input.Pid} {input.Ttl} {input.SegCnt} {(input.IsLeader ? "true" : "false")}");

    internal sealed record Input : TabletInput
    {
        [Description("Table name.")]
        public required string Table { get; init; }

        [Description("Table id.")]
        public required int Tid { get; init; }

        [Description("Partition id.")]
        public required int Pid { get; init; }

        [Description("TTL in minutes; 0 (default, as tools/openmldb_ops.py) keeps every record.")]
        public int Ttl { get; init; }

        [Description("Segment count; the documented value is 8 (default).")]
        public int SegCnt { get; init; } = 8;

        [Description("Load as leader (default true).")]
        public bool IsLeader { get; init; } = true;
    }

    internal sealed record Output
    {
        [Description("The partition was already in the tablet's memory; nothing was loaded.")]
        public bool AlreadyLoaded { get; init; }
    }
}
