using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// What moving <see cref="Source"/> to <see cref="Destination"/> would do and why it may not: worked out one way for
/// plan and execute. The source is moved as it is: a link stays a link, pointing where it pointed.
/// </summary>
internal sealed record MoveTarget(string Source, string Destination, EntryKind SourceKind, EntryKind DestinationKind)
{
    /// <summary>Why the move cannot be made (error type, message), or null.</summary>
    public (string ErrorType, string Message)? Problem { get; private init; }

    /// <summary>Whether a file or link at the destination would be replaced.</summary>
    public bool Replaces => SourceKind != EntryKind.Directory && DestinationKind is EntryKind.File or EntryKind.Link;

    public static MoveTarget For(string path, string destination, bool overwrite, ProtectedPaths protectedPaths, ActivityContext context)
    {
        var source = Path.TrimEndingDirectorySeparator(context.ResolvePath(path));
        var target = Path.TrimEndingDirectorySeparator(context.ResolvePath(destination));
        var move = new MoveTarget(source, target, Entries.Probe(source), Entries.Probe(target));
        return move with { Problem = move.FindProblem(overwrite, protectedPaths) };
    }

    /// <summary>Whether source and destination are on one file system (a rename), when the OS says.</summary>
    public bool? SameFileSystem()
    {
        var existing = Path.GetDirectoryName(Destination);
        while (existing is not null && !Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing);
        }

        return existing is not null && Statx.Of(Source) is { } from && Statx.Of(existing) is { } to ? from.SameFileSystem(to) : null;
    }

    private (string, string)? FindProblem(bool overwrite, ProtectedPaths protectedPaths)
    {
        if (SourceKind == EntryKind.Missing)
        {
            return (CopySet.NotFound, $"nothing to move: {Source} does not exist");
        }

        var realSource = RealPath.OfEntry(Source);
        var realDestination = RealPath.OfEntry(Destination);
        if ((protectedPaths.Problem(realSource) ?? protectedPaths.Problem(realDestination)) is { } problem)
        {
            return (ProtectedPaths.ErrorType, problem);
        }

        if (RealPath.IsSameOrInside(realDestination, realSource))
        {
            return (CopySet.IntoItself, $"refusing to move {Source} into itself ({Destination})");
        }

        return DestinationKind switch
        {
            EntryKind.Missing => null,
            _ when SourceKind == EntryKind.Directory => (CopySet.Exists, $"{Destination} already exists; a folder is never moved onto or into one (remove it first with fs.remove, so the plan shows what goes)"),
            EntryKind.Directory => (CopySet.Exists, $"{Destination} is a folder; the destination is the moved file's own path"),
            _ when !overwrite => (CopySet.Exists, $"{Destination} already exists; set overwrite: true to replace it"),
            _ => null,
        };
    }
}
