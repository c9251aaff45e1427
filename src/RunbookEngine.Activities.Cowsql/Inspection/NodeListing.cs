namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// The regular files directly inside a node directory. Subdirectories are ignored (raft and
/// go-dqlite only use top-level files). A symlink is followed only when its final target lies
/// inside the node directory, so inspecting a directory can never read elsewhere on the host.
/// </summary>
internal sealed class NodeListing
{
    private readonly Dictionary<string, NodeFile> _files;

    private NodeListing(string directory, Dictionary<string, NodeFile> files, List<Problem> problems)
    {
        Directory = directory;
        _files = files;
        Problems = problems;
    }

    public string Directory { get; }

    /// <summary>In ordinal name order, so everything derived from the listing is deterministic.</summary>
    public IReadOnlyList<NodeFile> Files { get; private init; } = [];

    public IReadOnlyList<Problem> Problems { get; }

    public NodeFile? Find(string name) => _files.GetValueOrDefault(name);

    public static NodeListing Read(string directory, IReadOnlySet<string>? exclude = null)
    {
        var root = Path.GetFullPath(directory);
        var info = new DirectoryInfo(root);
        if (!info.Exists)
        {
            var what = File.Exists(root) ? "is a file, not a directory" : "does not exist";
            throw new DirectoryNotFoundException($"cowsql node directory '{directory}' {what}.");
        }

        var realRoot = info.LinkTarget is null ? root : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? root;
        var files = new Dictionary<string, NodeFile>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        foreach (var entry in info.EnumerateFileSystemInfos())
        {
            var file = entry.LinkTarget is null ? Plain(entry) : FollowLink(entry, root, realRoot, problems);
            if (file is not null && exclude?.Contains(file.Name) != true)
            {
                files[file.Name] = file;
            }
        }

        return new NodeListing(root, files, problems) { Files = files.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList() };
    }

    private static NodeFile? Plain(FileSystemInfo entry) =>
        entry is FileInfo file ? new NodeFile(file.Name, file.FullName, file.Length) : null;

    private static NodeFile? FollowLink(FileSystemInfo link, string root, string realRoot, List<Problem> problems)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException ex)
        {
            problems.Add(new Problem(ProblemKind.FileUnreadable, ProblemSeverity.Warning, $"symbolic link cannot be resolved: {ex.Message}", link.Name));
            return null;
        }

        if (target is null || !target.Exists)
        {
            problems.Add(new Problem(ProblemKind.FileUnreadable, ProblemSeverity.Warning, "symbolic link points to nothing", link.Name));
            return null;
        }

        var full = Path.GetFullPath(target.FullName);
        if (!IsInside(full, root) && !IsInside(full, realRoot))
        {
            problems.Add(new Problem(
                ProblemKind.SymlinkOutsideDirectory,
                ProblemSeverity.Warning,
                $"symbolic link to '{full}' leaves the node directory; not followed",
                link.Name));
            return null;
        }

        return target is FileInfo file ? new NodeFile(link.Name, link.FullName, file.Length) : null;
    }

    private static bool IsInside(string path, string directory) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
