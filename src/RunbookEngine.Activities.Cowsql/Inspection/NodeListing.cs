using System.IO.Enumeration;

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
        var entries = new FileSystemEnumerable<Entry?>(root, Describe, new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false });
        foreach (var entry in entries)
        {
            var file = entry is null ? null
                : entry.Link is not null ? FollowLink(entry.Link, root, realRoot, problems)
                : entry.File;
            if (file is not null && exclude?.Contains(file.Name) != true)
            {
                files[file.Name] = file;
            }
        }

        // Sorted here rather than with LINQ's OrderBy, whose generic code is compiled at run time.
        var sorted = new List<NodeFile>(files.Values);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new NodeListing(root, files, problems) { Files = sorted };
    }

    /// <summary>A file straight from the directory entry (no FileInfo), a link to follow, or null for a directory.</summary>
    private static Entry? Describe(ref FileSystemEntry entry) =>
        (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? new Entry(null, entry.ToFileSystemInfo())
        : entry.IsDirectory ? null
        : new Entry(new NodeFile(entry.FileName.ToString(), entry.ToFullPath(), entry.Length), null);

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

    private sealed record Entry(NodeFile? File, FileSystemInfo? Link);
}
