using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// Where <c>fs.restore-backup</c> puts a backup, what is there now and why it may not be touched: worked out one way
/// for plan and execute.
/// </summary>
internal sealed class RestoreTarget
{
    public const string NotEmpty = "fs.not-empty";

    private RestoreTarget(string backup, string folder)
    {
        Backup = backup;
        Folder = folder;
    }

    public string Backup { get; }

    public string Folder { get; }

    /// <summary>What is in the folder now: files and links (with sizes) and folders, nothing followed.</summary>
    public FileTree? Current { get; private set; }

    public bool IsEmpty => Current is null || (Current.Files.Count == 0 && Current.Links.Count == 0 && Current.Directories.Count == 0);

    public long CurrentBytes => Current?.Bytes ?? 0;

    public int CurrentEntries => Current is null ? 0 : Current.Files.Count + Current.Links.Count;

    /// <summary>Why the restore cannot start (error type, message), regardless of content; or null.</summary>
    public (string ErrorType, string Message)? Problem { get; private set; }

    public static RestoreTarget For(string backup, string target, ProtectedPaths protectedPaths, ActivityContext context, CancellationToken cancellationToken)
    {
        var restore = new RestoreTarget(Path.TrimEndingDirectorySeparator(context.ResolvePath(backup)), Path.TrimEndingDirectorySeparator(context.ResolvePath(target)));
        restore.Problem = BackupCheck.Problem(restore.Backup) ?? restore.FolderProblem(protectedPaths);
        if (restore.Problem is null && Directory.Exists(restore.Folder))
        {
            restore.Current = FileTree.Scan(restore.Folder, cancellationToken);
        }

        return restore;
    }

    /// <summary>The refusal when the folder holds something and replacing was not asked for.</summary>
    public (string ErrorType, string Message) NotEmptyRefusal()
    {
        var first = Current!.Files.Select(f => f.RelativePath).Concat(Current.Links).Concat(Current.Directories).Order(StringComparer.Ordinal).First();
        return (NotEmpty, $"{Folder} is not empty ({CurrentEntries} files, {ByteSize.Format(CurrentBytes)}; first: {first}); set replace: true to replace its content");
    }

    /// <summary>Empties the folder (keeping the folder itself: it may be a mount point, or have an owner and mode that matter).</summary>
    public void Clear(CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(Folder).EnumerateFileSystemInfos("*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry is DirectoryInfo && !entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                // .NET's recursive delete unlinks links to folders below rather than entering them.
                Directory.Delete(entry.FullName, recursive: true);
            }
            else
            {
                File.Delete(entry.FullName);
            }
        }
    }

    private (string ErrorType, string Message)? FolderProblem(ProtectedPaths protectedPaths)
    {
        var real = RealPath.Of(Folder);
        if (protectedPaths.Problem(real) is { } problem)
        {
            return (ProtectedPaths.ErrorType, problem);
        }

        var realBackup = RealPath.Of(Backup);
        if (RealPath.IsSameOrInside(realBackup, real) || RealPath.IsSameOrInside(real, realBackup))
        {
            return (CopySet.IntoItself, $"the backup {Backup} and the target {Folder} overlap; restoring would overwrite the backup");
        }

        return Entries.Probe(Folder) is EntryKind.File || (Entries.Probe(Folder) is EntryKind.Link && !Directory.Exists(Folder))
            ? (CopySet.Exists, $"{Folder} is a file, not a folder")
            : null;
    }
}
