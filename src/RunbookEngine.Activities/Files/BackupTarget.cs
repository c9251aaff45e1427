using System.Globalization;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// Where a backup comes from and goes to, and why it cannot be taken: worked out one way for both plan and
/// execute, so the plan's promise is the run's behaviour. The folder is
/// <c>&lt;destination or the source's parent&gt;/&lt;source name&gt;-&lt;UTC timestamp&gt;</c>.
/// </summary>
internal sealed record BackupTarget(string Source, string Parent, string Name, string Folder)
{
    public const string NotFound = "fs.not-found";
    public const string Exists = "fs.exists";
    public const string InsideSource = "fs.backup-inside-source";

    /// <summary>Copies land here first and are renamed to <see cref="Folder"/> when complete.</summary>
    public string Partial => Folder + ".partial";

    /// <summary>The folder with a placeholder for the timestamp, for plans made before the time is known.</summary>
    public string Pattern => Path.Combine(Parent, Name + "-<UTC timestamp>");

    public static BackupTarget For(string path, string? destination, ActivityContext context)
    {
        var source = Path.TrimEndingDirectorySeparator(context.ResolvePath(path));
        var parent = destination is null ? Path.GetDirectoryName(source) ?? source : context.ResolvePath(destination);
        var name = Path.GetFileName(source) is { Length: > 0 } n ? n : "root";
        var stamp = context.TimeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return new BackupTarget(source, parent, name, Path.Combine(parent, $"{name}-{stamp}"));
    }

    /// <summary>Why the backup cannot be taken (error type and message), or null. Never retryable: nothing changes by waiting.</summary>
    public (string ErrorType, string Message)? Problem()
    {
        if (!File.Exists(Source) && !Directory.Exists(Source))
        {
            return (NotFound, $"nothing to back up: {Source} does not exist");
        }

        if (Folder.StartsWith(Source + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (InsideSource, $"the backup folder {Folder} would be inside {Source}, which it copies");
        }

        if (Directory.Exists(Partial))
        {
            return (Exists, $"an unfinished backup {Partial} is in the way; look at it and remove it");
        }

        return Directory.Exists(Folder) || File.Exists(Folder) ? (Exists, $"{Folder} already exists; refusing to overwrite a backup") : null;
    }

    /// <summary>Free bytes on the file system the backup goes to (its nearest existing folder), when the OS says.</summary>
    public long? FreeSpace() => Files.FreeSpace.Near(Parent);

    /// <summary>Half a backup is worse than none: it looks like a backup. Best effort; the error that got us here matters more.</summary>
    public void DeletePartial()
    {
        try
        {
            if (Directory.Exists(Partial))
            {
                Directory.Delete(Partial, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
