using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsCopy : Activity<FsCopy.Input, FsCopy.Output>
{
    public override string Name => "fs.copy";

    public override string Description => "Copies a file or a tree with modes and modification times, then verifies the copy with SHA-256.";

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var set = Build(input, context, cancellationToken);
        if (Refusal(set, input.Overwrite) is { } refusal)
        {
            throw new ActivityFailure(refusal.ErrorType, context.Redactor.Redact(refusal.Message), retryable: false);
        }

        var options = new CopyOptions(input.Overwrite, input.Verify, input.Sync, input.Parallel ?? CopyOptions.DefaultParallelism);
        await TreeCopy.ExecuteAsync(set, options, context, cancellationToken).ConfigureAwait(false);
        context.Log.Info(input.Verify ? "Copied {Files} files ({Size}) from {Source} to {Destination} and verified them" : "Copied {Files} files ({Size}) from {Source} to {Destination}",
            set.Files.Count, ByteSize.Format(set.Bytes), context.Redactor.Redact(set.Source), context.Redactor.Redact(set.Destination));
        return new Output { Destination = set.Destination, Files = set.Files.Count, Bytes = set.Bytes, Verified = input.Verify };
    }

    /// <summary>Reads both sides and says what would be copied and replaced, copying nothing.</summary>
    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var set = Build(input, context, cancellationToken);
        var redact = context.Redactor;
        if (Refusal(set, input.Overwrite) is { } refusal)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = redact.Redact($"copy {set.Source} to {set.Destination}: {refusal.Message}"),
                Risks = [PlanRisks.WillFail(refusal, redact)],
            });
        }

        var files = $"{set.Files.Count} files";
        var effects = new List<PlannedEffect>
        {
            new(EffectKind.Read, redact.Redact(set.Source), files, set.Bytes),
            new(EffectKind.Write, redact.Redact(set.Destination), $"{files}{(set.Links.Count > 0 ? $" and {set.Links.Count} symbolic links" : string.Empty)}{(input.Verify ? ", verified with SHA-256" : string.Empty)}", set.Bytes),
        };
        var replaced = set.Replaced;
        effects.AddRange(replaced.Select(path => new PlannedEffect(EffectKind.Delete, redact.Redact(path), "replaced by the copy")));
        var risks = new List<PlanRisk>();
        if (FreeSpace.Near(set.Destination) is { } free && free < set.Bytes - set.ReplacedBytes)
        {
            risks.Add(new PlanRisk($"only {ByteSize.Format(free)} free where the copy goes, {ByteSize.Format(set.Bytes)} needed", RiskSeverity.High));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact($"copy {files} ({ByteSize.Format(set.Bytes)}) from {set.Source} to {set.Destination}{(replaced.Count > 0 ? $", replacing {replaced.Count}" : string.Empty)}"),
            Effects = effects,
            Risks = risks,
            Destructive = replaced.Count > 0,
            DataAtStake = replaced.Count > 0 ? redact.Redact($"{replaced.Count} existing entries under {set.Destination} ({ByteSize.Format(set.ReplacedBytes)})") : null,
        });
    }

    private static CopySet Build(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (input.Parallel is < 1 or > 256)
        {
            throw new ActivityInputException("parallel", "an integer from 1 to 256", $"input 'parallel' must be an integer from 1 to 256, found {input.Parallel}");
        }

        return CopySet.Build(context.ResolvePath(input.Path), context.ResolvePath(input.Destination), PathFilter.From(input.Include, input.Exclude), cancellationToken);
    }

    private static (string ErrorType, string Message)? Refusal(CopySet set, bool overwrite)
    {
        if (set.Problem is { } problem)
        {
            return problem;
        }

        var replaced = set.Replaced;
        return !overwrite && replaced.Count > 0
            ? (CopySet.Exists, $"{replaced.Order(StringComparer.Ordinal).First()} already exists{(replaced.Count > 1 ? $" (and {replaced.Count - 1} more)" : string.Empty)}; set overwrite: true to replace")
            : null;
    }

    internal sealed record Input
    {
        [Description("File or folder to copy.")]
        public required string Path { get; init; }

        [Description("Path of the copy itself (not a folder to put it in); a folder is merged into when it exists.")]
        public required string Destination { get; init; }

        [Description("Globs of the files to copy, relative to path (a glob without '/' matches a name at any depth); default: all.")]
        public IReadOnlyList<string>? Include { get; init; }

        [Description("Globs of files and folders to leave out, relative to path; an excluded folder is not entered.")]
        public IReadOnlyList<string>? Exclude { get; init; }

        [Description("Replace files already at the destination; when false (the default) the step fails naming the first one.")]
        public bool Overwrite { get; init; }

        [Description("Compare the SHA-256 of every file with its copy after copying (default true).")]
        public bool Verify { get; init; } = true;

        [Description("Make the copy durable (on disk, not only in the page cache) before the step succeeds (default true); false only for copies that may be lost.")]
        public bool Sync { get; init; } = true;

        [Description("Files copied at once (default: twice the cores, 4 to 16); 1 suits a spinning disk.")]
        public int? Parallel { get; init; }
    }

    internal sealed record Output
    {
        [Description("Path of the copy.")]
        public string Destination { get; init; } = string.Empty;

        [Description("Number of files copied.")]
        public long Files { get; init; }

        [Description("Bytes copied.")]
        public long Bytes { get; init; }

        [Description("Whether every copy was compared with its source by SHA-256.")]
        public bool Verified { get; init; }
    }
}
