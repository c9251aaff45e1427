namespace RunbookEngine.Activities.Files;

/// <summary>A file below a root, with its path relative to the root in '/' form (the same on every OS, as manifests need).</summary>
internal sealed record TreeFile(FileInfo Info, string RelativePath);

/// <summary>
/// The files of a tree, never following a symbolic link: a link to / inside a data folder must not turn a size
/// or a backup of that folder into one of the whole disk. Links are reported, not followed.
/// </summary>
internal sealed class FileTree
{
    private FileTree(IReadOnlyList<TreeFile> files, IReadOnlyList<string> links, IReadOnlyList<string> directories)
    {
        Files = files;
        Links = links;
        Directories = directories;
    }

    public IReadOnlyList<TreeFile> Files { get; }

    /// <summary>Relative paths of the symbolic links that were skipped.</summary>
    public IReadOnlyList<string> Links { get; }

    /// <summary>Relative paths of the folders below the root (not the root), parents before their children.</summary>
    public IReadOnlyList<string> Directories { get; }

    public long Bytes => Files.Sum(f => f.Info.Length);

    /// <summary>The tree at <paramref name="root"/>: a folder's files, or a single file as a tree of one. The root itself may be a link.</summary>
    public static FileTree Scan(string root, CancellationToken cancellationToken) => Scan(root, PathFilter.All, cancellationToken);

    /// <summary>As <see cref="Scan(string, CancellationToken)"/>, keeping what <paramref name="filter"/> selects; excluded folders are not entered.</summary>
    public static FileTree Scan(string root, PathFilter filter, CancellationToken cancellationToken)
    {
        if (File.Exists(root))
        {
            var file = new FileInfo(root);
            return new FileTree([new TreeFile(file, file.Name)], [], []);
        }

        var files = new List<TreeFile>();
        var links = new List<string>();
        var directories = new List<string>();
        var directory = new DirectoryInfo(root);
        foreach (var entry in EnumerateWithoutLinks(directory, filter, links, directories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Relative(directory.FullName, entry.FullName);
            if (filter.IncludesFile(relative))
            {
                files.Add(new TreeFile(entry, relative));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        links.Sort(StringComparer.Ordinal);

        // Ordinal order puts "a" before "a/b": parents come first, as creating them needs.
        directories.Sort(StringComparer.Ordinal);
        return new FileTree(files, links, directories);
    }

    private static IEnumerable<FileInfo> EnumerateWithoutLinks(DirectoryInfo root, PathFilter filter, List<string> links, List<string> directories)
    {
        // One level at a time so links are seen (and reported) instead of entered. Skip nothing: the default
        // options would skip hidden files, and a dot-file in a data folder is data. Unreadable folders throw.
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        var pending = new Stack<DirectoryInfo>([root]);
        while (pending.TryPop(out var current))
        {
            foreach (var entry in current.EnumerateFileSystemInfos("*", options))
            {
                var relative = Relative(root.FullName, entry.FullName);
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    if (filter.IncludesFile(relative))
                    {
                        links.Add(relative);
                    }
                }
                else if (entry is DirectoryInfo sub)
                {
                    if (!filter.ExcludesDirectory(relative))
                    {
                        directories.Add(relative);
                        pending.Push(sub);
                    }
                }
                else if (entry is FileInfo file)
                {
                    yield return file;
                }
            }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
