using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsBackup : Activity<FsBackup.Input, FsBackup.Output>
{
    public override string Name => "fs.backup";

    public override string Description => "Copies a tree to a timestamped backup folder with a SHA-256 manifest.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = BackupTarget.For(input.Path, input.Destination, context);
        var redact = context.Redactor;
        if (target.Problem() is { } problem)
        {
            throw new ActivityFailure(problem.ErrorType, redact.Redact(problem.Message), retryable: false);
        }

        var tree = FileTree.Scan(target.Source, cancellationToken);
        foreach (var link in tree.Links)
        {
            context.Log.Warning("Not following the symbolic link {Link}; it is not in the backup", redact.Redact(link));
        }

        // Copy under a temporary name and rename at the end: a folder with the final name is always complete.
        Directory.CreateDirectory(target.Partial);
        try
        {
            var entries = await TreeCopier.CopyAsync(tree, target.Partial, context, cancellationToken).ConfigureAwait(false);
            await BackupManifest.WriteAsync(Path.Combine(target.Partial, BackupManifest.FileName), entries, cancellationToken).ConfigureAwait(false);
            Directory.Move(target.Partial, target.Folder);
            var bytes = entries.Sum(e => e.Size);
            context.Log.Info("Backed up {Files} files ({Size}) to {BackupPath}", entries.Count, ByteSize.Format(bytes), redact.Redact(target.Folder));
            return new Output { BackupPath = target.Folder, Files = entries.Count, Bytes = bytes };
        }
        catch
        {
            target.DeletePartial();
            throw;
        }
    }

    /// <summary>Counts what would be copied (reading the tree, copying nothing) and checks the destination has room.</summary>
    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = BackupTarget.For(input.Path, input.Destination, context);
        var redact = context.Redactor;
        if (target.Problem() is { } problem)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = redact.Redact($"back up {target.Source}: {problem.Message}"),
                Risks = [new PlanRisk(redact.Redact(problem.Message) + "; the step will fail", RiskSeverity.High)],
            });
        }

        var tree = FileTree.Scan(target.Source, cancellationToken);
        var bytes = tree.Bytes;
        var risks = new List<PlanRisk>();
        if (target.FreeSpace() is { } free && free < bytes)
        {
            risks.Add(new PlanRisk($"only {ByteSize.Format(free)} free where the backup goes, {ByteSize.Format(bytes)} needed", RiskSeverity.High));
        }

        if (tree.Links.Count > 0)
        {
            risks.Add(new PlanRisk(redact.Redact($"{tree.Links.Count} symbolic link(s) will not be followed or copied: {string.Join(", ", tree.Links.Take(5))}"), RiskSeverity.Low));
        }

        var files = $"{tree.Files.Count} files";
        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact($"copy {files} ({ByteSize.Format(bytes)}) from {target.Source} to {target.Pattern}"),
            Effects =
            [
                new PlannedEffect(EffectKind.Read, redact.Redact(target.Source), files, bytes),
                new PlannedEffect(EffectKind.Write, redact.Redact(target.Pattern), $"{files} and {BackupManifest.FileName}", bytes),
            ],
            Risks = risks,
        });
    }

    internal sealed record Input
    {
        [Description("Folder to back up.")]
        public required string Path { get; init; }

        [Description("Folder under which the timestamped backup is created (default: beside the source).")]
        public string? Destination { get; init; }
    }

    internal sealed record Output
    {
        [Description("Folder holding the backup.")]
        public string BackupPath { get; init; } = string.Empty;

        [Description("Number of files copied.")]
        public long Files { get; init; }

        [Description("Bytes copied.")]
        public long Bytes { get; init; }
    }
}
