using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Cowsql.Inspection;
using RunbookEngine.Activities.Cowsql.Operations;
using RunbookEngine.Activities.Files;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Cowsql.Activities;

/// <summary>
/// Replaces a stopped node's data files (segments, snapshots, .meta) with another stopped node's: seed 000 B.2 steps
/// 4–5 and the data-preserving repair the seed leaves as a TODO (C.1.2; reference §5.3 F4). The node's own
/// metadata1/2 are kept — never copied from the source (its vote could be reused) and, unlike B.2 step 4, never
/// deleted: a node with data and no metadata starts as brand new, and the bootstrap node would run raft_bootstrap
/// again (reference §5.3). A node that has no metadata at all (a new node) gets a fresh metadata1 whose term is at
/// least the source's. Re-running it after a crash starts again from the same source, so it is idempotent.
/// </summary>
internal sealed class CowsqlReplaceData : Activity<CowsqlReplaceData.Input, CowsqlReplaceData.Output>
{
    public override string Name => "cowsql.replace-data";

    public override string Description => "Replaces a stopped node's segments and snapshots with another node's, keeping its own metadata (writes fresh metadata only when it has none).";

    public override ActivityTraits Traits => ActivityTraits.Destructive | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (source, target) = Paths(input, context);
        var from = CowsqlInspect.Inspect(source);
        var errors = from.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ActivityFailure("cowsql.source-broken", $"the source {source} would not load either: {string.Join("; ", errors.Select(p => p.Message))}", retryable: false);
        }

        Directory.CreateDirectory(target);
        var removed = DataFiles.List(target);
        foreach (var file in removed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            file.Delete();
        }

        var copied = 0;
        long bytes = 0;
        foreach (var file in DataFiles.List(source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var incoming = Path.Combine(target, ".incoming-" + file.Name);
            file.CopyTo(incoming, overwrite: true);
            File.Move(incoming, Path.Combine(target, file.Name), overwrite: true);
            copied++;
            bytes += file.Length;
        }

        var wroteMetadata = false;
        var term = Term(input, from);
        if (!DataFiles.HasMetadata(target))
        {
            await MetadataFile.WriteAsync(target, term, cancellationToken);
            wroteMetadata = true;
        }

        if (FileSystemSync.Available)
        {
            FileSystemSync.Sync(target);
        }

        var after = CowsqlInspect.Inspect(target);
        if (after.LastIndex != from.LastIndex || after.LastTerm != from.LastTerm || after.HasErrors)
        {
            throw new ActivityFailure("cowsql.replace-mismatch", $"{target} now loads as last index {after.LastIndex} term {after.LastTerm}{(after.HasErrors ? " with errors" : string.Empty)}, not {from.LastIndex}/{from.LastTerm} like {source}", retryable: false);
        }

        context.Log.Info("{Target}: removed {Removed} data files, copied {Copied} from {Source} ({Bytes} bytes); metadata {Metadata}",
            target, removed.Count, copied, source, bytes, wroteMetadata ? $"written (term {term})" : "kept");
        return new Output { Removed = removed.Count, Copied = copied, Bytes = bytes, WroteMetadata = wroteMetadata, LastIndex = (long)after.LastIndex, LastTerm = (long)after.LastTerm };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var (source, target) = Paths(input, context);
        var risks = new List<PlanRisk>();
        var effects = new List<PlannedEffect>();
        NodeReport? from = null;
        if (Directory.Exists(source))
        {
            from = CowsqlInspect.Inspect(source);
            if (from.HasErrors)
            {
                risks.Add(new PlanRisk($"the source {source} has errors and the step will refuse to copy it", RiskSeverity.High));
            }
        }
        else
        {
            risks.Add(new PlanRisk($"the source {source} does not exist yet", RiskSeverity.Medium));
        }

        var targetReport = Directory.Exists(target) ? CowsqlInspect.Inspect(target) : null;
        var removed = DataFiles.List(target);
        effects.AddRange(removed.Select(f => new PlannedEffect(EffectKind.Delete, f.FullName, "data file of the node being replaced", f.Length)));
        var sourceFiles = DataFiles.List(source);
        effects.Add(new PlannedEffect(EffectKind.Write, target, $"{sourceFiles.Count} data files copied from {source}", sourceFiles.Sum(f => f.Length)));
        effects.Add(DataFiles.HasMetadata(target)
            ? new PlannedEffect(EffectKind.Read, Path.Combine(target, "metadata1/2"), "kept (the node's own term and vote)")
            : new PlannedEffect(EffectKind.Write, Path.Combine(target, "metadata1"), $"fresh metadata: term {(from is null ? "of the source" : Term(input, from).ToString(System.Globalization.CultureInfo.InvariantCulture))}, no vote", MetadataFile.Size));

        var before = targetReport is null ? "no data" : $"last term {targetReport.LastTerm}, last index {targetReport.LastIndex}";
        var after = from is null ? "the source's log" : $"last term {from.LastTerm}, last index {from.LastIndex}";
        if (targetReport is not null && from is not null)
        {
            var moreUpToDate = targetReport.LastTerm > from.LastTerm || (targetReport.LastTerm == from.LastTerm && targetReport.LastIndex > from.LastIndex);
            var match = Ranking.LogAgreement.MatchIndex(targetReport, from);
            var lost = match is { } m && targetReport.LastIndex > m ? targetReport.LastIndex - m : 0;
            if (moreUpToDate)
            {
                risks.Add(new PlanRisk($"{target} is MORE up to date than {source} ({before} vs {after}); its extra entries will be lost", RiskSeverity.High));
            }
            else if (lost > 0)
            {
                risks.Add(new PlanRisk($"{target} has {lost} entries (indexes {match + 1}–{targetReport.LastIndex}) that {source} does not; raft would discard them too (an older term that never committed)", RiskSeverity.Medium));
            }
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = $"replace the data of {target} ({before}) with {source}'s ({after}); {removed.Count} files removed",
            Effects = effects,
            Risks = risks,
            Destructive = removed.Count > 0,
            DataAtStake = removed.Count > 0 ? $"{removed.Count} data files of {target} ({removed.Sum(f => f.Length)} bytes; {before})" : null,
        });
    }

    private static ulong Term(Input input, NodeReport source) =>
        input.Term is { } term && term > 0 ? (ulong)term : Math.Max(source.CurrentTerm ?? 0, source.LastTerm);

    private static (string Source, string Target) Paths(Input input, ActivityContext context)
    {
        var source = context.ResolvePath(input.Source);
        var target = context.ResolvePath(input.DataDirectory);
        if (string.Equals(Path.TrimEndingDirectorySeparator(source), Path.TrimEndingDirectorySeparator(target), StringComparison.Ordinal))
        {
            throw new ActivityInputException("source", "another node's directory", $"input 'source' is the node directory itself ({target})");
        }

        return (source, target);
    }

    internal sealed record Input
    {
        [Description("The stopped node directory whose data files are replaced (created when missing).")]
        public required string DataDirectory { get; init; }

        [Description("The stopped node directory to copy the data files from (normally the most up-to-date node).")]
        public required string Source { get; init; }

        [Description("Term for a fresh metadata1 when the node has none (default: the source's current or last log term, whichever is higher); pass the cluster's highest.")]
        public long? Term { get; init; }
    }

    internal sealed record Output
    {
        [Description("Data files removed from the node.")]
        public int Removed { get; init; }

        [Description("Data files copied from the source.")]
        public int Copied { get; init; }

        [Description("Bytes copied.")]
        public long Bytes { get; init; }

        [Description("Whether a fresh metadata1 was written (the node had none).")]
        public bool WroteMetadata { get; init; }

        [Description("The node's last log index afterwards (equal to the source's).")]
        public long LastIndex { get; init; }

        [Description("The node's last log term afterwards.")]
        public long LastTerm { get; init; }
    }
}
