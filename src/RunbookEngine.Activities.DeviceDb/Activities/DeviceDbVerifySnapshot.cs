using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.DeviceDb.Cli;
using RunbookEngine.Activities.Planning;

namespace RunbookEngine.Activities.DeviceDb.Activities;

/// <summary>
/// Checks a node's snapshot tar before anyone relies on it: a flat list of files, a LevelDB (CURRENT names a MANIFEST in
/// the tar), and the snapshot UUID metadata record equal to the expected uuid, so tars of different snapshots are never
/// mixed in one restore. Read-only: it runs during planning.
/// </summary>
internal sealed class DeviceDbVerifySnapshot : Activity<DeviceDbVerifySnapshot.Input, DeviceDbVerifySnapshot.Output>
{
    public const string Invalid = "devicedb.snapshot-invalid";
    public const string NotFound = "devicedb.not-found";

    public override string Name => "devicedb.verify-snapshot";

    public override string Description => "Checks a node's snapshot tar: flat LevelDB files, CURRENT's manifest present, and the snapshot UUID record equal to the expected uuid.";

    public override ActivityTraits Traits => ActivityTraits.ReadOnly | ActivityTraits.Idempotent;

    public override Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = context.ResolvePath(input.Path);
        if (!File.Exists(path))
        {
            throw new ActivityFailure(NotFound, context.Redactor.Redact($"{path} does not exist"), retryable: false);
        }

        var report = SnapshotArchive.Inspect(path, input.Uuid);
        if (!report.Ok)
        {
            throw new ActivityFailure(Invalid, context.Redactor.Redact($"{path} cannot be used to restore snapshot {input.Uuid}: {string.Join("; ", report.Problems)}"), retryable: false);
        }

        return Task.FromResult(new Output { Path = path, Files = report.Files, Bytes = report.Bytes, Sha256 = report.Sha256, Uuid = report.Uuid });
    }

    public override async Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var output = await ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
        return RanDuringPlanning(output, context.Redactor.Redact($"{output.Path}: snapshot {output.Uuid}, {output.Files} files, {output.Bytes} bytes"),
            [new PlannedEffect(EffectKind.Read, output.Path, "tar entries and the snapshot UUID record")]);
    }

    internal sealed record Input
    {
        [Description("The node's snapshot tar.")]
        public required string Path { get; init; }

        [Description("The uuid every part of the cluster snapshot must carry.")]
        public required string Uuid { get; init; }
    }

    internal sealed record Output
    {
        [Description("The tar, as an absolute path.")]
        public string Path { get; init; } = string.Empty;

        [Description("Files in the tar.")]
        public int Files { get; init; }

        [Description("Bytes of file data in the tar.")]
        public long Bytes { get; init; }

        [Description("SHA-256 of the tar.")]
        public string Sha256 { get; init; } = string.Empty;

        [Description("The snapshot uuid found in the tar.")]
        public string Uuid { get; init; } = string.Empty;
    }
}
