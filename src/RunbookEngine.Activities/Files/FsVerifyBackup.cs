using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.Files;

internal sealed class FsVerifyBackup : Activity<FsVerifyBackup.Input, FsVerifyBackup.Output>
{
    public override string Name => "fs.verify-backup";

    public override string Description => "Re-checks a backup made by fs.backup against its MANIFEST.sha256 (presence, size, SHA-256, nothing extra).";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var folder = Path.TrimEndingDirectorySeparator(context.ResolvePath(input.Path));
        var redact = context.Redactor;
        if (BackupCheck.Problem(folder) is { } problem)
        {
            throw new ActivityFailure(problem.ErrorType, redact.Redact(problem.Message), retryable: false);
        }

        var result = await BackupCheck.RunAsync(folder, hashes: true, context, cancellationToken).ConfigureAwait(false);
        if (result.Ok)
        {
            context.Log.Info("Backup {BackupPath} is intact: {Files} files ({Size})", redact.Redact(folder), result.Files, ByteSize.Format(result.Bytes));
        }
        else
        {
            context.Log.Warning("Backup {BackupPath} does not match its manifest: {Mismatches}", redact.Redact(folder), redact.Redact(string.Join("; ", result.Mismatches)));
        }

        return new Output { Ok = result.Ok, Files = result.Files, Bytes = result.Bytes, Mismatches = result.Mismatches };
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        var folder = context.Redactor.Redact(context.ResolvePath(input.Path));
        var found = output.Ok ? "intact" : $"damaged ({output.Mismatches.Count} mismatches)";
        return RanDuringPlanning(output, $"backup {folder} is {found}: {output.Files} files ({ByteSize.Format(output.Bytes)})", [new PlannedEffect(EffectKind.Read, folder, $"{output.Files} files", output.Bytes)]);
    }

    internal sealed record Input
    {
        [Description("Backup folder made by fs.backup (its backupPath output).")]
        public required string Path { get; init; }
    }

    internal sealed record Output
    {
        [Description("Whether every file matches the manifest and nothing else is in the folder.")]
        public bool Ok { get; init; }

        [Description("Number of files the manifest lists.")]
        public long Files { get; init; }

        [Description("Bytes the manifest lists.")]
        public long Bytes { get; init; }

        [Description("One line per problem: '<path>: missing', a size or SHA-256 difference, or a file not in the manifest.")]
        public IReadOnlyList<string> Mismatches { get; init; } = [];
    }
}
