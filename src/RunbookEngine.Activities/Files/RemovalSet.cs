using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Files;

/// <summary>An entry <c>fs.remove</c> removes whole: a file, a link (the link, not its target) or a folder with everything below it.</summary>
internal sealed record RemovalTarget(string Path, EntryKind Kind);

/// <summary>A file (or link) that would go, with its size (0 for a link: its target is not touched).</summary>
internal sealed record RemovedFile(string Path, long Size, bool IsLink);

/// <summary>
/// What removing some paths and globs would remove, checked against the declared roots and <see cref="ProtectedPaths"/>
/// before anything is touched: worked out one way for plan and execute. Globs are expanded without following links,
/// and every match is checked with its folder's links resolved, so a link inside a root cannot lead out of it.
/// </summary>
internal sealed class RemovalSet
{
    public const string NotFound = "fs.not-found";

    private RemovalSet()
    {
    }

    /// <summary>Entries removed whole, none inside another, in path order.</summary>
    public IReadOnlyList<RemovalTarget> Targets { get; private set; } = [];

    /// <summary>Every file and link that would go, in path order.</summary>
    public IReadOnlyList<RemovedFile> Files { get; private set; } = [];

    /// <summary>Folders that would go (targets and the folders below them).</summary>
    public int Folders { get; private set; }

    public long Bytes => Files.Sum(f => f.Size);

    /// <summary>Paths and globs that match nothing.</summary>
    public IReadOnlyList<string> Unmatched { get; private set; } = [];

    /// <summary>Why nothing may be removed (error type, message), or null.</summary>
    public (string ErrorType, string Message)? Problem { get; private set; }

    public static RemovalSet Build(IReadOnlyList<string> paths, Roots roots, ProtectedPaths protectedPaths, ActivityContext context, CancellationToken cancellationToken)
    {
        var set = new RemovalSet();
        if (roots.Problem() is { } rootProblem)
        {
            set.Problem = (ProtectedPaths.ErrorType, rootProblem);
            return set;
        }

        var matched = new List<(RemovalTarget Target, string Real)>();
        var unmatched = new List<string>();
        for (var i = 0; i < paths.Count; i++)
        {
            var found = Expand(paths[i], i, context, cancellationToken);
            if (found.All(t => t.Kind == EntryKind.Missing))
            {
                unmatched.Add(paths[i]);
            }

            // A path that names nothing now is checked too: removing it is refused whether or not it exists, so a
            // runbook that points at the wrong place fails on its first run, not on the day the place exists.
            foreach (var target in found)
            {
                var real = RealPath.OfEntry(target.Path);
                if (protectedPaths.Problem(real) is { } problem)
                {
                    set.Problem ??= (ProtectedPaths.ErrorType, problem);
                }
                else if (!roots.Contains(real))
                {
                    set.Problem ??= (Roots.OutsideRoots, $"refusing to remove {target.Path}{(real != target.Path ? $" (really {real})" : string.Empty)}: it is outside the declared roots ({roots.Describe()})");
                }

                if (target.Kind != EntryKind.Missing)
                {
                    matched.Add((target, real));
                }
            }
        }

        set.Unmatched = unmatched;
        if (set.Problem is null)
        {
            set.Fill(matched, cancellationToken);
        }

        return set;
    }

    private void Fill(List<(RemovalTarget Target, string Real)> matched, CancellationToken cancellationToken)
    {
        // A target inside another goes with it; keep the outer one only.
        var targets = new List<RemovalTarget>();
        string? previous = null;
        foreach (var (target, real) in matched.OrderBy(m => m.Real, StringComparer.Ordinal).DistinctBy(m => m.Real, StringComparer.Ordinal))
        {
            if (previous is not null && RealPath.IsSameOrInside(real, previous))
            {
                continue;
            }

            targets.Add(target);
            previous = real;
        }

        var files = new List<RemovedFile>();
        var folders = 0;
        foreach (var target in targets)
        {
            switch (target.Kind)
            {
                case EntryKind.Directory:
                    var tree = FileTree.Scan(target.Path, cancellationToken);
                    files.AddRange(tree.Files.Select(f => new RemovedFile(f.Info.FullName, f.Info.Length, IsLink: false)));
                    files.AddRange(tree.Links.Select(l => new RemovedFile(Path.Join(target.Path, l), 0, IsLink: true)));
                    folders += tree.Directories.Count + 1;
                    break;
                case EntryKind.Link:
                    files.Add(new RemovedFile(target.Path, 0, IsLink: true));
                    break;
                default:
                    files.Add(new RemovedFile(target.Path, new FileInfo(target.Path).Length, IsLink: false));
                    break;
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        Targets = targets;
        Files = files;
        Folders = folders;
    }

    /// <summary>
    /// The entries a path or glob names now (a plain path even when missing); a glob's fixed leading folders are
    /// where the walk starts.
    /// </summary>
    private static List<RemovalTarget> Expand(string path, int index, ActivityContext context, CancellationToken cancellationToken)
    {
        var full = Path.TrimEndingDirectorySeparator(context.ResolvePath(path));
        if (!Glob.HasWildcard(full))
        {
            return [new RemovalTarget(full, Entries.Probe(full))];
        }

        var root = Path.GetPathRoot(full)!;
        var segments = full[root.Length..].Split(Path.DirectorySeparatorChar);
        var fixedCount = Array.FindIndex(segments, Glob.HasWildcard);
        var start = Path.Join(root, string.Join(Path.DirectorySeparatorChar, segments[..fixedCount]));
        var rest = string.Join('/', segments[fixedCount..]);
        Glob glob;
        try
        {
            glob = Glob.Parse(rest);
        }
        catch (FormatException ex)
        {
            throw new ActivityInputException($"paths[{index}]", "a path or a glob such as /data/node2/*.log", $"input 'paths[{index}]': {ex.Message}");
        }

        // Without '**' a match is exactly as deep as the pattern; no need to walk further.
        var maxDepth = rest.Contains("**", StringComparison.Ordinal) ? int.MaxValue : segments.Length - fixedCount;
        var found = new List<RemovalTarget>();
        if (Directory.Exists(start))
        {
            Walk(new DirectoryInfo(start), start, glob, 1, maxDepth, found, cancellationToken);
        }

        return found;
    }

    private static void Walk(DirectoryInfo folder, string start, Glob glob, int depth, int maxDepth, List<RemovalTarget> found, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in folder.EnumerateFileSystemInfos("*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isLink = entry.Attributes.HasFlag(FileAttributes.ReparsePoint);
            var kind = isLink ? EntryKind.Link : entry is DirectoryInfo ? EntryKind.Directory : EntryKind.File;
            var relative = Path.GetRelativePath(start, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (glob.IsMatch(relative))
            {
                found.Add(new RemovalTarget(entry.FullName, kind));
            }
            else if (kind == EntryKind.Directory && depth < maxDepth)
            {
                Walk((DirectoryInfo)entry, start, glob, depth + 1, maxDepth, found, cancellationToken);
            }
        }
    }
}
