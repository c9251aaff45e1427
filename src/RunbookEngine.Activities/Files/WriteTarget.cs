using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// The file <c>fs.write</c> writes: the path with links resolved, so a config that is a link to a shared file is
/// updated where it lives and stays a link (renaming over the link would silently replace it with a copy).
/// </summary>
internal sealed record WriteTarget(string Requested, string File, string Folder, long? ExistingSize, (string ErrorType, string Message)? Problem)
{
    public static WriteTarget For(string path, ActivityContext context)
    {
        var requested = Path.TrimEndingDirectorySeparator(context.ResolvePath(path));
        var file = RealPath.Of(requested);
        var folder = Path.GetDirectoryName(file) ?? file;
        (string, string)? problem =
            Directory.Exists(file) ? (CopySet.Exists, $"{file} is a folder")
            : !Directory.Exists(folder) ? (CopySet.NotFound, $"the folder {folder} does not exist; create it first (fs.mkdir)")
            : null;
        var existing = problem is null && System.IO.File.Exists(file) ? new FileInfo(file).Length : (long?)null;
        return new WriteTarget(requested, file, folder, existing, problem);
    }
}
