using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.DeviceDb.Cli;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.DeviceDb.Activities;

/// <summary>
/// `devicedb cluster download_snapshot -uuid U > file.tar` without a shell: the tar streams into <c>destination.partial</c>,
/// is checked, then renamed, so a file with the final name is always a whole, verified tar. Idempotent: a destination
/// that already holds a valid tar of this snapshot is kept.
/// </summary>
internal sealed class DeviceDbDownloadSnapshot : Activity<DeviceDbDownloadSnapshot.Input, DeviceDbDownloadSnapshot.Output>
{
    public const string Exists = "devicedb.exists";
    public const string InProgress = "devicedb.snapshot-in-progress";

    public override string Name => "devicedb.download-snapshot";

    public override string Description => "Downloads one node's part of a cluster snapshot (`cluster download_snapshot`) into a tar file, verified before it gets its final name.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var destination = context.ResolvePath(input.Destination);
        if (File.Exists(destination) && !input.Overwrite)
        {
            var existing = SnapshotArchive.Inspect(destination, input.Uuid);
            if (existing.Ok)
            {
                context.Log.Info("{Path} already holds {Node}'s part of snapshot {Uuid}; kept", destination, input.Node.Display, input.Uuid);
                return From(destination, existing, alreadyPresent: true);
            }

            throw new ActivityFailure(Exists, context.Redactor.Redact($"{destination} exists and is not this node's part of snapshot {input.Uuid} ({string.Join("; ", existing.Problems)}); move it away or set overwrite"), retryable: false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + ".partial";
        var command = DeviceDbTool.Command(input.Tool, "download_snapshot", input.Node, "-uuid", input.Uuid);
        try
        {
            var result = await ToolRunner.RunToFileAsync("devicedb", command, partial, context, cancellationToken, input.Timeout).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw Classify(DeviceDbTool.Failure(result, ToolRunner.Display(command, context), context));
            }

            var report = SnapshotArchive.Inspect(partial, input.Uuid);
            if (!report.Ok)
            {
                throw new ActivityFailure(DeviceDbVerifySnapshot.Invalid, context.Redactor.Redact($"the tar {input.Node.Display} sent for snapshot {input.Uuid} is not usable: {string.Join("; ", report.Problems)}"), retryable: true);
            }

            File.Move(partial, destination, overwrite: true);
            context.Log.Info("Downloaded {Node}'s part of snapshot {Uuid} to {Path} ({Bytes} bytes)", input.Node.Display, input.Uuid, destination, new FileInfo(destination).Length);
            return From(destination, report, alreadyPresent: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var destination = context.ResolvePath(input.Destination);
        var display = ToolRunner.Display(DeviceDbTool.Command(input.Tool, "download_snapshot", input.Node, "-uuid", input.Uuid), context);
        var risks = new List<PlanRisk>();
        if (File.Exists(destination))
        {
            risks.Add(new PlanRisk($"{destination} exists: kept if it is this snapshot's valid tar, {(input.Overwrite ? "replaced" : "the step fails")} otherwise", RiskSeverity.Medium));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = context.Redactor.Redact($"run {display} > {destination} (via {Path.GetFileName(destination)}.partial, verified, then renamed)"),
            Effects = [new PlannedEffect(EffectKind.Exec, input.Tool, display), new PlannedEffect(EffectKind.Write, destination, "the node's snapshot tar")],
            Risks = risks,
        });
    }

    /// <summary>The DBerror codes of a refused download (error.go: 25 in progress, 26 open failed, 27 read failed).</summary>
    private static ActivityFailure Classify(ActivityFailure failure) => failure.Message switch
    {
        var m when m.Contains("\"code\":25", StringComparison.Ordinal) => new ActivityFailure(InProgress, failure.Message, retryable: true),
        var m when m.Contains("\"code\":26", StringComparison.Ordinal) => new ActivityFailure(DeviceDbWaitSnapshot.Missing, failure.Message, retryable: false),
        var m when m.Contains("\"code\":27", StringComparison.Ordinal) => new ActivityFailure(DeviceDbWaitSnapshot.Failed, failure.Message, retryable: false),
        _ => failure,
    };

    private static Output From(string path, ArchiveReport report, bool alreadyPresent) => new()
    {
        Path = path,
        Bytes = new FileInfo(path).Length,
        Files = report.Files,
        Sha256 = report.Sha256,
        AlreadyPresent = alreadyPresent,
    };

    internal sealed record Input
    {
        [Description("The devicedb executable (a path or a name on PATH).")]
        public string Tool { get; init; } = "devicedb";

        [Description("The node whose part to download (host and port are used).")]
        public required DeviceDbNode Node { get; init; }

        [Description("The snapshot's uuid.")]
        public required string Uuid { get; init; }

        [Description("The tar file to write, e.g. /backups/snapshot-<uuid>-ddb1.tar; missing folders are created.")]
        public required string Destination { get; init; }

        [Description("Replace an existing file that is not this snapshot's valid tar (default false).")]
        public bool Overwrite { get; init; }

        [Description("Kill the download after this long (default 30m).")]
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
    }

    internal sealed record Output
    {
        [Description("The tar file.")]
        public string Path { get; init; } = string.Empty;

        [Description("Its size in bytes.")]
        public long Bytes { get; init; }

        [Description("Files in the tar.")]
        public int Files { get; init; }

        [Description("SHA-256 of the tar.")]
        public string Sha256 { get; init; } = string.Empty;

        [Description("The file was already there and valid, so nothing was downloaded.")]
        public bool AlreadyPresent { get; init; }
    }
}
