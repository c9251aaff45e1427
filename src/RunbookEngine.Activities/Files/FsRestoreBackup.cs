using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsRestoreBackup(ProtectedPaths protectedPaths) : Activity<FsRestoreBackup.Input, FsRestoreBackup.Output>
{
    public const string Corrupt = "fs.backup-corrupt";

    public FsRestoreBackup()
        : this(ProtectedPaths.Default)
    {
    }

    public override string Name => "fs.restore-backup";

    public override string Description => "Restores a backup made by fs.backup into a folder: verifies it first, refuses a non-empty folder unless replace is true.";

    /// <summary>Idempotent: run again, it finds the folder already holding the backup and changes nothing, or (replace) redoes it.</summary>
    public override ActivityTraits Traits => ActivityTraits.Destructive | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var target = RestoreTarget.For(input.Backup, input.Target, protectedPaths, context, cancellationToken);
        if (target.Problem is { } problem)
        {
            throw new ActivityFailure(problem.ErrorType, redact.Redact(problem.Message), retryable: false);
        }

        // Nothing is touched until the backup is known to be whole.
        var manifest = BackupCheck.Manifest(target.Backup, context);
        var check = await BackupCheck.RunAsync(target.Backup, manifest, isBackup: true, hashes: true, context, cancellationToken).ConfigureAwait(false);
        if (!check.Ok)
        {
            throw new ActivityFailure(Corrupt, redact.Redact($"the backup {target.Backup} does not match its manifest, nothing was restored: {Mismatches(check)}"), retryable: false);
        }

        var output = new Output { Target = target.Folder, Files = check.Files, Bytes = check.Bytes };
        if (!target.IsEmpty)
        {
            var there = await BackupCheck.RunAsync(target.Folder, manifest, isBackup: false, hashes: true, context, cancellationToken).ConfigureAwait(false);
            if (there.Ok)
            {
                context.Log.Info("{Target} already holds the backup {BackupPath}; nothing to do", redact.Redact(target.Folder), redact.Redact(target.Backup));
                return output with { AlreadyRestored = true };
            }

            if (!input.Replace)
            {
                var refusal = target.NotEmptyRefusal();
                throw new ActivityFailure(refusal.ErrorType, redact.Redact(refusal.Message), retryable: false);
            }

            context.Log.Warning("Replacing {Files} files ({Size}) in {Target}", target.CurrentEntries, ByteSize.Format(target.CurrentBytes), redact.Redact(target.Folder));
            target.Clear(cancellationToken);
        }

        var set = CopySet.Build(target.Backup, target.Folder, PathFilter.From(null, ["/" + BackupManifest.FileName]), cancellationToken);
        await TreeCopy.ExecuteAsync(set, new CopyOptions(Overwrite: false, Verify: true, Sync: true, CopyOptions.DefaultParallelism), context, cancellationToken).ConfigureAwait(false);
        context.Log.Info("Restored {Files} files ({Size}) from {BackupPath} into {Target}", check.Files, ByteSize.Format(check.Bytes), redact.Redact(target.Backup), redact.Redact(target.Folder));
        return output with { ReplacedFiles = target.CurrentEntries, ReplacedBytes = target.CurrentBytes };
    }

    /// <summary>
    /// Checks the backup's files and sizes against the manifest (hashes are checked when it runs: reading every byte is
    /// not what a plan should cost) and lists every file of the target that would be replaced.
    /// </summary>
    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var target = RestoreTarget.For(input.Backup, input.Target, protectedPaths, context, cancellationToken);
        var problem = target.Problem;
        IReadOnlyList<ManifestEntry> manifest = [];
        BackupCheckResult? check = null;
        if (problem is null)
        {
            try
            {
                manifest = BackupCheck.Manifest(target.Backup, context);
                check = await BackupCheck.RunAsync(target.Backup, manifest, isBackup: true, hashes: false, context, cancellationToken).ConfigureAwait(false);
                problem = check.Ok ? null : (Corrupt, $"the backup {target.Backup} does not match its manifest: {Mismatches(check)}");
            }
            catch (ActivityFailure failure)
            {
                problem = (failure.ErrorType, failure.Message);
            }
        }

        if (problem is null && !target.IsEmpty)
        {
            var there = await BackupCheck.RunAsync(target.Folder, manifest, isBackup: false, hashes: false, context, cancellationToken).ConfigureAwait(false);
            if (there.Ok)
            {
                return new ActivityPlan { Summary = redact.Redact($"{target.Folder} appears to hold the backup {target.Backup} already (sizes match; hashes are checked when it runs); nothing to do") };
            }

            problem = input.Replace ? null : target.NotEmptyRefusal();
        }

        if (problem is { } refusal)
        {
            return new ActivityPlan
            {
                Summary = redact.Redact($"restore {target.Backup} into {target.Folder}: {refusal.Message}"),
                Risks = [PlanRisks.WillFail(refusal, redact)],
                Destructive = true,
            };
        }

        var files = $"{check!.Files} files ({ByteSize.Format(check.Bytes)})";
        var effects = new List<PlannedEffect>
        {
            new(EffectKind.Read, redact.Redact(target.Backup), $"{check.Files} files, verified against {BackupManifest.FileName} first", check.Bytes),
        };
        effects.AddRange(ReplacedEffects(target, redact));
        effects.Add(new PlannedEffect(EffectKind.Write, redact.Redact(target.Folder), $"{check.Files} files, verified after copying", check.Bytes));
        var risks = new List<PlanRisk>();
        if (FreeSpace.Near(target.Folder) is { } free && free + target.CurrentBytes < check.Bytes)
        {
            risks.Add(new PlanRisk($"only {ByteSize.Format(free)} free where the backup is restored, {ByteSize.Format(check.Bytes)} needed", RiskSeverity.High));
        }

        var replacing = target.IsEmpty ? string.Empty : $", replacing {target.CurrentEntries} files ({ByteSize.Format(target.CurrentBytes)}) now there";
        return new ActivityPlan
        {
            Summary = redact.Redact($"restore {files} from {target.Backup} into {target.Folder}{replacing}"),
            Effects = effects,
            Risks = risks,
            Destructive = true,
            DataAtStake = target.IsEmpty ? null : redact.Redact($"{target.CurrentEntries} files ({ByteSize.Format(target.CurrentBytes)}) in {target.Folder}"),
        };
    }

    private static IEnumerable<PlannedEffect> ReplacedEffects(RestoreTarget target, Context.SecretRedactor redact) =>
        target.Current is not { } current ? [] :
        current.Files.Select(f => new PlannedEffect(EffectKind.Delete, redact.Redact(f.Info.FullName), "replaced by the backup", f.Info.Length))
            .Concat(current.Links.Select(l => new PlannedEffect(EffectKind.Delete, redact.Redact(Path.Join(target.Folder, l)), "symbolic link (its target is not touched)", 0)));

    private static string Mismatches(BackupCheckResult check) =>
        string.Join("; ", check.Mismatches.Take(5)) + (check.Mismatches.Count > 5 ? $"; and {check.Mismatches.Count - 5} more" : string.Empty);

    internal sealed record Input
    {
        [Description("Backup folder made by fs.backup (its backupPath output).")]
        public required string Backup { get; init; }

        [Description("Folder to restore into; created when missing.")]
        public required string Target { get; init; }

        [Description("Remove what the target holds before restoring; without it a non-empty target fails the step (fs.not-empty).")]
        public bool Replace { get; init; }
    }

    internal sealed record Output
    {
        [Description("Full path of the folder restored into.")]
        public string Target { get; init; } = string.Empty;

        [Description("Number of files restored.")]
        public long Files { get; init; }

        [Description("Bytes restored.")]
        public long Bytes { get; init; }

        [Description("Files (and links) removed from the target first.")]
        public long ReplacedFiles { get; init; }

        [Description("Bytes removed from the target first.")]
        public long ReplacedBytes { get; init; }

        [Description("Whether the target already held exactly this backup, so nothing was changed.")]
        public bool AlreadyRestored { get; init; }
    }
}
