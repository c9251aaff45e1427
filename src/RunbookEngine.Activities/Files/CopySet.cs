namespace RunbookEngine.Activities.Files;

/// <summary>One file of a copy: where it comes from, where it goes, and whether something is already there.</summary>
internal sealed record CopyFile(TreeFile File, string Target, bool Exists);

/// <summary>A symbolic link of a copied tree, recreated with the same target text (never followed).</summary>
internal sealed record CopyLink(string Source, string Target, string RelativePath, bool Exists);

/// <summary>
/// What copying <see cref="Source"/> to <see cref="Destination"/> would do against the current state: worked out one
/// way for plan and execute, so the plan's promise is the run's behaviour. The destination is the copy's own path
/// (never a folder to put it into); a tree merges into an existing destination folder.
/// </summary>
internal sealed class CopySet
{
    public const string NotFound = "fs.not-found";
    public const string Exists = "fs.exists";
    public const string IntoItself = "fs.into-itself";

    private CopySet(string source, string destination, bool sourceIsFile, bool destinationExisted)
    {
        Source = source;
        Destination = destination;
        SourceIsFile = sourceIsFile;
        DestinationExisted = destinationExisted;
    }

    public string Source { get; }

    public string Destination { get; }

    public bool SourceIsFile { get; }

    /// <summary>Whether anything was at the destination path; if not, a failed copy can be removed whole.</summary>
    public bool DestinationExisted { get; }

    public IReadOnlyList<CopyFile> Files { get; private set; } = [];

    public IReadOnlyList<CopyLink> Links { get; private set; } = [];

    /// <summary>Folders of the copy (source relative path, target), parents first; the destination itself when it is a tree.</summary>
    public IReadOnlyList<(string Relative, string Target)> Directories { get; private set; } = [];

    /// <summary>Why the copy cannot be made as things stand (error type, message), or null.</summary>
    public (string ErrorType, string Message)? Problem { get; private set; }

    public long Bytes => Files.Sum(f => f.File.Info.Length);

    /// <summary>Entries at the destination the copy would replace (files and links), in path order.</summary>
    public IReadOnlyList<string> Replaced => [.. Files.Where(f => f.Exists).Select(f => f.Target), .. Links.Where(l => l.Exists).Select(l => l.Target)];

    public long ReplacedBytes => Files.Where(f => f.Exists).Sum(f => new FileInfo(f.Target) is { Exists: true } info && info.LinkTarget is null ? info.Length : 0);

    /// <summary>Reads the source and the destination; changes nothing.</summary>
    public static CopySet Build(string source, string destination, PathFilter filter, CancellationToken cancellationToken)
    {
        source = Path.TrimEndingDirectorySeparator(source);
        destination = Path.TrimEndingDirectorySeparator(destination);
        var sourceIsFile = File.Exists(source);
        var destinationKind = Entries.Probe(destination);
        var set = new CopySet(source, destination, sourceIsFile, destinationKind != EntryKind.Missing);
        if (!sourceIsFile && !Directory.Exists(source))
        {
            set.Problem = (NotFound, $"nothing to copy: {source} does not exist");
            return set;
        }

        var realSource = RealPath.Of(source);
        var realDestination = RealPath.Of(destination);
        if (sourceIsFile ? realDestination == realSource : RealPath.IsSameOrInside(realDestination, realSource))
        {
            set.Problem = (IntoItself, $"refusing to copy {source} into itself ({destination})");
            return set;
        }

        if (sourceIsFile)
        {
            var file = new FileInfo(source);
            set.Files = [new CopyFile(new TreeFile(file, file.Name), destination, destinationKind is EntryKind.File or EntryKind.Link)];
            set.Problem = destinationKind == EntryKind.Directory ? (Exists, $"{destination} is a folder; the destination is the copy's own path") : null;
            return set;
        }

        if (destinationKind == EntryKind.File || (destinationKind == EntryKind.Link && !Directory.Exists(destination)))
        {
            set.Problem = (Exists, $"{destination} is a file; a folder cannot be copied onto it");
            return set;
        }

        set.Fill(FileTree.Scan(source, filter, cancellationToken), filter, probe: destinationKind != EntryKind.Missing, cancellationToken);
        return set;
    }

    private void Fill(FileTree tree, PathFilter filter, bool probe, CancellationToken cancellationToken)
    {
        // Into a fresh destination nothing can be in the way: skip one lstat per entry, the common case.
        EntryKind At(string target) => probe ? Entries.Probe(target) : EntryKind.Missing;
        string TargetOf(string relative) => Path.Join(Destination, relative.Replace('/', Path.DirectorySeparatorChar));

        // With includes, only the folders that lead to a selected file; otherwise every folder, empty ones too.
        var wanted = filter.HasIncludes
            ? tree.Files.Select(f => f.RelativePath).Concat(tree.Links).SelectMany(Ancestors).ToHashSet(StringComparer.Ordinal)
            : null;
        var directories = new List<(string, string)> { (string.Empty, Destination) };
        foreach (var relative in tree.Directories.Where(d => wanted?.Contains(d) ?? true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = TargetOf(relative);
            var kind = At(target);
            if (kind is EntryKind.File or EntryKind.Link)
            {
                Problem ??= (Exists, $"{target} is a {(kind == EntryKind.Link ? "symbolic link" : "file")} where the copy needs a folder; refusing to write through or over it");
            }

            directories.Add((relative, target));
        }

        var files = new List<CopyFile>(tree.Files.Count);
        foreach (var file in tree.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = TargetOf(file.RelativePath);
            var kind = At(target);
            if (kind == EntryKind.Directory)
            {
                Problem ??= (Exists, $"{target} is a folder where the copy needs a file");
            }

            files.Add(new CopyFile(file, target, kind is EntryKind.File or EntryKind.Link));
        }

        var links = new List<CopyLink>(tree.Links.Count);
        foreach (var relative in tree.Links)
        {
            var target = TargetOf(relative);
            var kind = At(target);
            if (kind == EntryKind.Directory)
            {
                Problem ??= (Exists, $"{target} is a folder where the copy needs a symbolic link");
            }

            links.Add(new CopyLink(Path.Join(Source, relative), target, relative, kind != EntryKind.Missing));
        }

        Directories = directories;
        Files = files;
        Links = links;
    }

    private static IEnumerable<string> Ancestors(string relative)
    {
        for (var slash = relative.LastIndexOf('/'); slash > 0; slash = relative.LastIndexOf('/', slash - 1))
        {
            yield return relative[..slash];
        }
    }
}
