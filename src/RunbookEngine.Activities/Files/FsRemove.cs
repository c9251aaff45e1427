using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsRemove(ProtectedPaths protectedPaths) : Activity<FsRemove.Input, FsRemove.Output>
{
    public FsRemove()
        : this(ProtectedPaths.Default)
    {
    }

    public override string Name => "fs.remove";

    public override string Description => "Removes files and folders (paths or globs) inside declared roots; never /, the state directory, or through a link.";

    public override ActivityTraits Traits => ActivityTraits.Destructive | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var set = Build(input, context, cancellationToken);
        if (Refusal(set, input.MustExist) is { } refusal)
        {
            throw new ActivityFailure(refusal.ErrorType, redact.Redact(refusal.Message), retryable: false);
        }

        foreach (var pattern in set.Unmatched)
        {
            context.Log.Info("Nothing to remove at {Path}", redact.Redact(pattern));
        }

        var meter = new ProgressMeter(context, set.Bytes);
        foreach (var target in set.Targets)
        {
            Remove(target, meter, cancellationToken);
        }

        meter.Report(null);
        context.Log.Info("Removed {Files} files ({Size}) and {Folders} folders", set.Files.Count, ByteSize.Format(set.Bytes), set.Folders);
        return Task.FromResult(new Output
        {
            Files = set.Files.Count,
            Folders = set.Folders,
            Bytes = set.Bytes,
            Removed = set.Targets.Select(t => t.Path).ToList(),
        });
    }

    /// <summary>Lists every file that would go, with its size, and the total; removes nothing.</summary>
    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var set = Build(input, context, cancellationToken);
        if (Refusal(set, input.MustExist) is { } refusal)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = redact.Redact($"remove {string.Join(", ", input.Paths)}: {refusal.Message}"),
                Risks = [PlanRisks.WillFail(refusal, redact)],
                Destructive = true,
            });
        }

        var what = $"{set.Files.Count} files ({ByteSize.Format(set.Bytes)}) and {set.Folders} folders";
        var effects = set.Files
            .Select(f => new PlannedEffect(EffectKind.Delete, redact.Redact(f.Path), f.IsLink ? "symbolic link (its target is not touched)" : null, f.Size))
            .Concat(set.Targets.Where(t => t.Kind == EntryKind.Directory).Select(t => new PlannedEffect(EffectKind.Delete, redact.Redact(t.Path), "folder and everything below it")))
            .ToList();
        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact(set.Targets.Count == 0 ? $"nothing to remove: {string.Join(", ", input.Paths)} match nothing" : $"remove {what}: {Describe(set.Targets)}"),
            Effects = effects,
            Risks = set.Unmatched.Select(p => new PlanRisk(redact.Redact($"{p} matches nothing"), RiskSeverity.Low)).ToList(),
            Destructive = true,
            DataAtStake = set.Targets.Count == 0 ? null : redact.Redact(what),
        });
    }

    private RemovalSet Build(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        RemovalSet.Build(input.Paths, Roots.Resolve(input.Roots, context), protectedPaths, context, cancellationToken);

    private static (string ErrorType, string Message)? Refusal(RemovalSet set, bool mustExist) =>
        set.Problem ?? (mustExist && set.Unmatched.Count > 0 ? (RemovalSet.NotFound, $"{set.Unmatched[0]} matches nothing, and mustExist is true") : null);

    private static string Describe(IReadOnlyList<RemovalTarget> targets) =>
        string.Join(", ", targets.Take(5).Select(t => t.Path)) + (targets.Count > 5 ? $" and {targets.Count - 5} more" : string.Empty);

    /// <summary>Files one by one (progress, cancellation), then the folders; links are unlinked, never entered.</summary>
    private static void Remove(RemovalTarget target, ProgressMeter meter, CancellationToken cancellationToken)
    {
        if (target.Kind != EntryKind.Directory)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = target.Kind == EntryKind.File ? new FileInfo(target.Path).Length : 0;
            File.Delete(target.Path);
            meter.Add(size, target.Path, force: true);
            return;
        }

        var tree = FileTree.Scan(target.Path, cancellationToken);
        foreach (var file in tree.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            File.Delete(file.Info.FullName);
            meter.Add(file.Info.Length, file.Info.FullName);
        }

        foreach (var link in tree.Links)
        {
            File.Delete(Path.Join(target.Path, link));
        }

        // .NET's recursive delete unlinks links to folders rather than entering them; it also takes whatever
        // appeared since the scan.
        Directory.Delete(target.Path, recursive: true);
    }

    internal sealed record Input
    {
        [Description("Files, folders or globs to remove ('*' matches dot-files too, '**' any depth); a folder goes with everything below it.")]
        public required IReadOnlyList<string> Paths { get; init; }

        [Description("Folders the step may remove things in; anything else (after resolving links) is refused and nothing is removed.")]
        public required IReadOnlyList<string> Roots { get; init; }

        [Description("Fail (fs.not-found) when a path or glob matches nothing; by default that is success, so a rerun is harmless.")]
        public bool MustExist { get; init; }
    }

    internal sealed record Output
    {
        [Description("Number of files and links removed.")]
        public long Files { get; init; }

        [Description("Number of folders removed.")]
        public long Folders { get; init; }

        [Description("Bytes removed.")]
        public long Bytes { get; init; }

        [Description("The entries removed whole (files, links and top folders).")]
        public IReadOnlyList<string> Removed { get; init; } = [];
    }
}
