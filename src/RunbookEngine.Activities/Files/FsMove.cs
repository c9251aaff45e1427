using System.ComponentModel;
using System.Runtime.InteropServices;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Journal;

namespace RunbookEngine.Activities.Files;

internal sealed class FsMove(ProtectedPaths protectedPaths) : Activity<FsMove.Input, FsMove.Output>
{
    public FsMove()
        : this(ProtectedPaths.Default)
    {
    }

    public override string Name => "fs.move";

    public override string Description => "Moves a file or folder: a rename on one file system; across file systems a verified, synced copy, then the source is removed.";

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var move = MoveTarget.For(input.Path, input.Destination, input.Overwrite, protectedPaths, context);
        if (move.Problem is { } problem)
        {
            throw new ActivityFailure(problem.ErrorType, redact.Redact(problem.Message), retryable: false);
        }

        var (files, bytes) = Count(move, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(move.Destination)!);
        var copied = false;
        if (OperatingSystem.IsLinux())
        {
            var errno = NativeRename.Rename(move.Source, move.Destination, replace: input.Overwrite);
            switch (errno)
            {
                case 0:
                    FileSync.Instance.SyncDirectory(Path.GetDirectoryName(move.Destination)!);
                    FileSync.Instance.SyncDirectory(Path.GetDirectoryName(move.Source)!);
                    break;
                case NativeRename.EXDEV:
                    await CopyAcrossAsync(move, input.Overwrite, context, cancellationToken).ConfigureAwait(false);
                    copied = true;
                    break;
                case NativeRename.EEXIST:
                    throw new ActivityFailure(CopySet.Exists, redact.Redact($"{move.Destination} appeared while moving; set overwrite: true to replace it"), retryable: false);
                default:
                    throw new IOException($"rename failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
            }
        }
        else if (move.SourceKind == EntryKind.Directory)
        {
            Directory.Move(move.Source, move.Destination);
        }
        else
        {
            File.Move(move.Source, move.Destination, input.Overwrite);
        }

        context.Log.Info(copied ? "Moved {Source} to {Destination} ({Files} files, {Size}) by a verified copy across file systems" : "Moved {Source} to {Destination} ({Files} files, {Size})",
            redact.Redact(move.Source), redact.Redact(move.Destination), files, ByteSize.Format(bytes));
        return new Output { Destination = move.Destination, Files = files, Bytes = bytes, Copied = copied };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redact = context.Redactor;
        var move = MoveTarget.For(input.Path, input.Destination, input.Overwrite, protectedPaths, context);
        if (move.Problem is { } problem)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = redact.Redact($"move {move.Source} to {move.Destination}: {problem.Message}"),
                Risks = [PlanRisks.WillFail(problem, redact)],
            });
        }

        var (files, bytes) = Count(move, cancellationToken);
        var how = move.SameFileSystem() switch
        {
            true => "a rename on one file system",
            false => "across file systems: copied, verified with SHA-256, synced, then the source is removed",
            null => "a rename, or across file systems a verified copy and then removal of the source",
        };
        var what = move.SourceKind == EntryKind.Link ? "symbolic link" : $"{files} files, {ByteSize.Format(bytes)}";
        var effects = new List<PlannedEffect>
        {
            new(EffectKind.Delete, redact.Redact(move.Source), "moved away", bytes),
            new(EffectKind.Write, redact.Redact(move.Destination), how, bytes),
        };
        long replacedBytes = 0;
        if (move.Replaces)
        {
            replacedBytes = move.DestinationKind == EntryKind.File ? new FileInfo(move.Destination).Length : 0;
            effects.Add(new PlannedEffect(EffectKind.Delete, redact.Redact(move.Destination), "replaced", replacedBytes));
        }

        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact($"move {move.Source} ({what}) to {move.Destination}{(move.Replaces ? ", replacing it" : string.Empty)}: {how}"),
            Effects = effects,
            Destructive = move.Replaces,
            DataAtStake = move.Replaces ? redact.Redact($"the current {move.Destination} ({ByteSize.Format(replacedBytes)})") : null,
        });
    }

    private static (long Files, long Bytes) Count(MoveTarget move, CancellationToken cancellationToken)
    {
        if (move.SourceKind == EntryKind.Link)
        {
            return (0, 0);
        }

        var tree = FileTree.Scan(move.Source, cancellationToken);
        return (tree.Files.Count, tree.Bytes);
    }

    /// <summary>
    /// The source is removed only after its copy is complete, verified and on disk: until then a crash leaves the
    /// source whole (and at worst a partial copy, removed when it was new).
    /// </summary>
    private static async Task CopyAcrossAsync(MoveTarget move, bool overwrite, ActivityContext context, CancellationToken cancellationToken)
    {
        if (move.SourceKind == EntryKind.Link)
        {
            if (move.Replaces)
            {
                File.Delete(move.Destination);
            }

            File.CreateSymbolicLink(move.Destination, new FileInfo(move.Source).LinkTarget!);
            FileSync.Instance.SyncDirectory(Path.GetDirectoryName(move.Destination)!);
            File.Delete(move.Source);
            return;
        }

        var set = CopySet.Build(move.Source, move.Destination, PathFilter.All, cancellationToken);
        if (set.Problem is { } problem)
        {
            throw new ActivityFailure(problem.ErrorType, context.Redactor.Redact(problem.Message), retryable: false);
        }

        await TreeCopy.ExecuteAsync(set, new CopyOptions(overwrite, Verify: true, Sync: true, CopyOptions.DefaultParallelism), context, cancellationToken).ConfigureAwait(false);
        if (move.SourceKind == EntryKind.Directory)
        {
            // .NET's recursive delete unlinks links rather than entering them.
            Directory.Delete(move.Source, recursive: true);
        }
        else
        {
            File.Delete(move.Source);
        }

        FileSync.Instance.SyncDirectory(Path.GetDirectoryName(move.Source)!);
    }

    internal sealed record Input
    {
        [Description("File, folder or link to move.")]
        public required string Path { get; init; }

        [Description("New path of the moved entry itself (not a folder to put it in); missing parent folders are created.")]
        public required string Destination { get; init; }

        [Description("Replace a file or link already at the destination (a folder there is always refused).")]
        public bool Overwrite { get; init; }
    }

    internal sealed record Output
    {
        [Description("Full path of the moved entry.")]
        public string Destination { get; init; } = string.Empty;

        [Description("Number of files moved.")]
        public long Files { get; init; }

        [Description("Bytes moved.")]
        public long Bytes { get; init; }

        [Description("Whether it crossed file systems and was copied (verified) and then removed, rather than renamed.")]
        public bool Copied { get; init; }
    }
}
