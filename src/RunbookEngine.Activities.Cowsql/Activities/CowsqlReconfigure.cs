using System.ComponentModel;
using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Runs <c>&lt;shell&gt; -s &lt;address&gt; &lt;db&gt; ".reconfigure &lt;dir&gt; &lt;cluster.yaml&gt;"</c> on a stopped node's directory (seed 000
/// A.3 step 3, B.2 step 3): raft_recover loads the log, closes open segments and appends one configuration entry in a
/// new closed segment N-N with N = last index + 1 (reference §3.1, §5.3). No server is contacted. Not idempotent:
/// every run appends another entry, so a step left in doubt is reported, never silently repeated.
/// </summary>
internal sealed class CowsqlReconfigure : Activity<CowsqlReconfigure.Input, CowsqlReconfigure.Output>
{
    public override string Name => "cowsql.reconfigure";

    public override string Description => "Rewrites a stopped node's raft membership with the shell's .reconfigure (appends a configuration entry in a new N-N segment).";

    public override ActivityTraits Traits => ActivityTraits.Destructive;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (directory, yaml) = Paths(input, context);
        var before = CowsqlInspect.Inspect(directory);
        RefuseBroken(before);
        var expected = before.LastIndex + 1;
        var command = $".reconfigure {directory} {yaml}";
        var stdout = await CowsqlShell.RunAsync(input.Shell, [input.Address], input.Database, command, json: false, input.Timeout, context, cancellationToken, offline: true);
        if (stdout.Trim() != "OK")
        {
            throw new ActivityFailure("cowsql.reconfigure-failed", $".reconfigure printed '{stdout.Trim()}' instead of OK", retryable: false);
        }

        var segment = SegmentName(expected);
        if (!File.Exists(Path.Combine(directory, segment)))
        {
            throw new ActivityFailure("cowsql.reconfigure-unexpected", $".reconfigure said OK but {segment} was not created in {directory}", retryable: false);
        }

        context.Log.Info("{Directory}: .reconfigure wrote {Segment} (last index was {LastIndex}, term {LastTerm})", directory, segment, before.LastIndex, before.LastTerm);
        return new Output { Segment = segment, Index = (long)expected, PreviousLastIndex = (long)before.LastIndex, PreviousLastTerm = (long)before.LastTerm };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (directory, yaml) = Paths(input, context);
        var report = CowsqlInspect.Inspect(directory);
        var risks = new List<PlanRisk>();
        if (report.HasErrors)
        {
            risks.Add(new PlanRisk("the node directory has errors; .reconfigure will fail: " + string.Join("; ", report.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Message)), RiskSeverity.High));
        }

        if (!File.Exists(yaml))
        {
            risks.Add(new PlanRisk($"{yaml} does not exist yet; an earlier step must write it", RiskSeverity.Medium));
        }

        if (!ToolRunner.CanFind(input.Shell, context))
        {
            risks.Add(new PlanRisk($"shell '{input.Shell}' was not found; the step will fail", RiskSeverity.High));
        }

        var effects = new List<PlannedEffect>
        {
            new(EffectKind.Exec, input.Shell, ToolRunner.Display(CowsqlShell.Command(input.Shell, [input.Address], input.Database, $".reconfigure {directory} {yaml}"), context)),
            new(EffectKind.Write, Path.Combine(directory, SegmentName(report.LastIndex + 1)), $"one configuration entry at index {report.LastIndex + 1} (raft 0.15 writes it with term 1)"),
        };
        effects.AddRange(report.Segments.Where(s => s.IsOpen).Select(s => s.EntryCount > 0
            ? new PlannedEffect(EffectKind.Write, Path.Combine(directory, s.Name), $"closed as {SegmentName(s.FirstIndex, s.LastIndex)} (truncated to {s.ValidBytes} bytes)")
            : new PlannedEffect(EffectKind.Delete, Path.Combine(directory, s.Name), "empty open segment, deleted", s.FileSize)));
        return Task.FromResult(new ActivityPlan
        {
            Summary = $".reconfigure {directory} with {yaml}: appends index {report.LastIndex + 1} after last index {report.LastIndex} (term {report.LastTerm})",
            Effects = effects,
            Risks = risks,
            Destructive = true,
            DataAtStake = $"{directory}: raft log up to index {report.LastIndex}",
        });
    }

    internal static string SegmentName(ulong index) => SegmentName(index, index);

    private static string SegmentName(ulong first, ulong last) =>
        first.ToString("D16", CultureInfo.InvariantCulture) + "-" + last.ToString("D16", CultureInfo.InvariantCulture);

    private static void RefuseBroken(NodeReport report)
    {
        var errors = report.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ActivityFailure("cowsql.node-broken", $"{report.Directory} cannot be reconfigured until it loads: {string.Join("; ", errors.Select(p => p.Message))}", retryable: false);
        }
    }

    private static (string Directory, string Yaml) Paths(Input input, ActivityContext context)
    {
        var directory = context.ResolvePath(input.DataDirectory);
        var yaml = context.ResolvePath(input.ClusterYaml);
        // The shell splits its command at spaces, so a path with white space would reach raft cut in two.
        foreach (var (name, path) in new[] { ("dataDirectory", directory), ("clusterYaml", yaml) })
        {
            if (!CowsqlShell.IsSimplePath(path))
            {
                throw new ActivityInputException(name, "a path without spaces", $"input '{name}' ({path}) contains white space, which the shell's .reconfigure command cannot take; move or link it to a path without spaces");
            }
        }

        return (directory, yaml);
    }

    internal sealed record Input
    {
        [Description("The stopped node's directory to reconfigure.")]
        public required string DataDirectory { get; init; }

        [Description("cluster.yaml with the target configuration (seed 000 A.1).")]
        public required string ClusterYaml { get; init; }

        [Description("The shell binary: 'cowsql' per the seed, 'dqlite' for go-dqlite (default cowsql).")]
        public string Shell { get; init; } = "cowsql";

        [Description("Any syntactically valid host:port; .reconfigure contacts no server (default 127.0.0.1:9001).")]
        public string Address { get; init; } = "127.0.0.1:9001";

        [Description("Any database name; not used by .reconfigure (default demo).")]
        public string Database { get; init; } = "demo";

        [Description("Kill the shell after this long (default 30s).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("The N-N segment .reconfigure created.")]
        public string Segment { get; init; } = string.Empty;

        [Description("N: the index of the configuration entry (the doc's A.3 compares these).")]
        public long Index { get; init; }

        [Description("The node's last log index before.")]
        public long PreviousLastIndex { get; init; }

        [Description("The node's last log term before (raft's ranking uses it; .reconfigure's entry has term 1 on raft 0.15).")]
        public long PreviousLastTerm { get; init; }
    }
}
