namespace RunbookEngine.Activities.Archives;

/// <summary>One thing to archive: a file or a folder, with its '/' path relative to the archived folder.</summary>
internal sealed record SourceEntry(FileSystemInfo Info, string Path)
{
    public bool IsFolder => Info is DirectoryInfo;

    /// <summary>The entry name in the archive; folders end with '/' as tar tools write them.</summary>
    public string Name => IsFolder ? Path + "/" : Path;

    public long Size => Info is FileInfo file ? file.Length : 0;
}

/// <summary>
/// What archive.create would put in the archive: the folder's files and folders matching the include patterns and
/// none of the exclude ones (folders also when they hold something included), in ordinal order of their names (so the same folder gives the same archive), without
/// following symbolic links, which are listed and left out, as fs.backup does.
/// </summary>
internal sealed record ArchiveSource(string Folder, IReadOnlyList<SourceEntry> Entries, IReadOnlyList<string> Links)
{
    public long Bytes => Entries.Sum(e => e.Size);

    public int Files => Entries.Count(e => !e.IsFolder);

    public static ArchiveSource Scan(string folder, IReadOnlyList<Glob> include, IReadOnlyList<Glob> exclude, CancellationToken cancellationToken)
    {
        var files = new List<SourceEntry>();
        var folders = new List<SourceEntry>();
        var links = new List<string>();
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(folder)]);
        while (pending.TryPop(out var current))
        {
            foreach (var info in current.EnumerateFileSystemInfos("*", options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = System.IO.Path.GetRelativePath(folder, info.FullName).Replace(System.IO.Path.DirectorySeparatorChar, '/');
                if (exclude.Any(g => g.Matches(relative)))
                {
                    continue;
                }

                if (info.LinkTarget is not null)
                {
                    links.Add(relative);
                }
                else if (info is DirectoryInfo sub)
                {
                    folders.Add(new SourceEntry(sub, relative));
                    pending.Push(sub);
                }
                else if (include.Count == 0 || include.Any(g => g.Matches(relative)))
                {
                    files.Add(new SourceEntry(info, relative));
                }
            }
        }

        // A folder that is not excluded goes in when it holds a file that does (so its permissions come along), or
        // when it matches the include patterns itself (every folder does when there are none), as tar does.
        var needed = new HashSet<string>(files.SelectMany(f => EntryPath.Ancestors(f.Path)), StringComparer.Ordinal);
        var kept = folders.Where(f => needed.Contains(f.Path) || include.Count == 0 || include.Any(g => g.Matches(f.Path)));
        var entries = files.Concat(kept).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        links.Sort(StringComparer.Ordinal);
        return new ArchiveSource(folder, entries, links);
    }
}
