using System.ComponentModel;
using System.Text;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Journal;

namespace RunbookEngine.Activities.Files;

internal sealed class FsWrite : Activity<FsWrite.Input, FsWrite.Output>
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public override string Name => "fs.write";

    public override string Description => "Writes text to a file atomically (temporary file, fsync, rename): readers see the old content or the new, never half.";

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var mode = UnixModes.Parse(input.Mode, "mode");
        var target = WriteTarget.For(input.Path, context);
        if (target.Problem is { } problem)
        {
            throw new ActivityFailure(problem.ErrorType, context.Redactor.Redact(problem.Message), retryable: false);
        }

        var content = Utf8.GetBytes(input.Content);
        var temporary = Path.Join(target.Folder, $".{Path.GetFileName(target.File)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await WriteTemporaryAsync(temporary, target, content, input.Append, mode, cancellationToken).ConfigureAwait(false);

            // rename(2) replaces the old file in one step; the folder's sync makes the new name survive a power cut.
            File.Move(temporary, target.File, overwrite: true);
            FileSync.Instance.SyncDirectory(target.Folder);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        var size = new FileInfo(target.File).Length;
        context.Log.Info("Wrote {Size} to {Path}", ByteSize.Format(size), context.Redactor.Redact(target.File));
        return new Output { Path = target.File, Bytes = size };
    }

    /// <summary>Says which file would get how many bytes; never shows the content, which may hold a secret.</summary>
    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var mode = UnixModes.Parse(input.Mode, "mode");
        var target = WriteTarget.For(input.Path, context);
        var redact = context.Redactor;
        if (target.Problem is { } problem)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = redact.Redact($"write {target.File}: {problem.Message}"),
                Risks = [PlanRisks.WillFail(problem, redact)],
            });
        }

        var bytes = (long)Utf8.GetByteCount(input.Content);
        var existing = target.ExistingSize;
        var via = target.File != target.Requested ? $" (through the link {target.Requested})" : string.Empty;
        var withMode = mode is { } m ? $", mode {UnixModes.Format(m)}" : string.Empty;
        var summary = existing is null ? $"create {target.File}{via} with {ByteSize.Format(bytes)}{withMode}"
            : input.Append ? $"append {ByteSize.Format(bytes)} to {target.File}{via} ({ByteSize.Format(existing.Value)} now){withMode}"
            : $"replace the {ByteSize.Format(existing.Value)} of {target.File}{via} with {ByteSize.Format(bytes)}{withMode}";
        var replaces = existing is not null && !input.Append;
        return Task.FromResult(new ActivityPlan
        {
            Summary = redact.Redact(summary),
            Effects = [new PlannedEffect(EffectKind.Write, redact.Redact(target.File), input.Append ? "append" : replaces ? "replace" : "create", bytes + (input.Append ? existing ?? 0 : 0))],
            Destructive = replaces,
            DataAtStake = replaces ? redact.Redact($"the current content of {target.File} ({ByteSize.Format(existing!.Value)})") : null,
        });
    }

    private static async Task WriteTemporaryAsync(string temporary, WriteTarget target, byte[] content, bool append, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        var exists = File.Exists(target.File);
        var keptMode = mode ?? (exists && !OperatingSystem.IsWindows() ? File.GetUnixFileMode(target.File) : null);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (keptMode is { } create && !OperatingSystem.IsWindows())
        {
            // Created with the final mode (the umask can only narrow it): a secret is never readable by others, not even briefly.
            options.UnixCreateMode = create;
        }

        await using var stream = new FileStream(temporary, options);
        if (append && exists)
        {
            await using var old = new FileStream(target.File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            await old.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        if (keptMode is { } exact && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stream.SafeFileHandle, exact);
        }

        if (exists && Ownership.Of(target.File) is { } owner)
        {
            // A config owned by the database's user stays so when root rewrites it (only root can give it away).
            Ownership.TrySet(stream.SafeFileHandle, owner);
        }

        stream.Flush(flushToDisk: true);
    }

    internal sealed record Input
    {
        [Description("File to write; its folder must exist. A link is followed and its target written.")]
        public required string Path { get; init; }

        [Description("Text to write (UTF-8), typically from an expression; never shown in plans or logs.")]
        public required string Content { get; init; }

        [Description("Permissions as four octal digits in quotes, e.g. \"0640\"; default: the existing file's, else the umask's.")]
        public string? Mode { get; init; }

        [Description("Add the content after the existing content (still atomically) instead of replacing it.")]
        public bool Append { get; init; }
    }

    internal sealed record Output
    {
        [Description("Full path of the file written (a link's target when the path was a link).")]
        public string Path { get; init; } = string.Empty;

        [Description("Size of the file afterwards, in bytes.")]
        public long Bytes { get; init; }
    }
}
