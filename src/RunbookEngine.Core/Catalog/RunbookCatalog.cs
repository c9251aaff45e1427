using RunbookEngine.Activities;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Catalog;

/// <summary>
/// The runbooks under a catalog root (<c>runbooks/&lt;system&gt;/&lt;name&gt;.yaml</c>, older versions as
/// <c>&lt;name&gt;@&lt;version&gt;.yaml</c>). Resolves references by name, optionally pinned to a version.
/// Opening only lists the files; a file is read and checked the first time something needs it, together with the
/// other versions kept at the same place. A command about one runbook therefore reads that runbook, the ones it
/// calls and their older versions, not the whole catalog; listing or validating the catalog reads everything.
/// Thread-safe: validate checks files on both cores.
/// </summary>
internal sealed class RunbookCatalog : IRunbookResolver
{
    private readonly object _gate = new();
    private readonly string[] _files;
    private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);

    /// <summary>File indexes by the name their path implies (the place): restore.yaml and restore@1.0.0.yaml share one.</summary>
    private readonly Dictionary<string, List<int>> _places = new(StringComparer.Ordinal);
    private readonly CatalogEntry?[] _entries;
    private readonly List<Diagnostic>?[] _placeProblems;

    private RunbookCatalog(string root, IActivityCatalog activities, string[] files)
    {
        Root = root;
        Activities = activities;
        Loader = new RunbookLoader(activities, this);
        _files = files;
        _entries = new CatalogEntry?[files.Length];
        _placeProblems = new List<Diagnostic>?[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            _indexOf[files[i]] = i;
            var place = Place(files[i]).Expected;
            if (!_places.TryGetValue(place, out var indexes))
            {
                _places[place] = indexes = [];
            }

            indexes.Add(i);
        }
    }

    public string Root { get; }

    public IActivityCatalog Activities { get; }

    /// <summary>A loader whose runbook calls resolve against this catalog.</summary>
    public RunbookLoader Loader { get; }

    /// <summary>Every runbook file, in path order (reads the whole catalog).</summary>
    public IReadOnlyList<CatalogEntry> Entries
    {
        get
        {
            PreloadAll();
            return Loaded();
        }
    }

    /// <summary>Problems of the catalog as a whole: names that do not match paths, duplicate versions (reads the whole catalog).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            PreloadAll();
            return LoadedDiagnostics();
        }
    }

    /// <summary>How many files have been read so far (for tests: a command about one runbook reads few).</summary>
    internal int FilesRead => _entries.Count(e => e is not null);

    public static RunbookCatalog Open(string root, IActivityCatalog activities)
    {
        var full = Path.GetFullPath(root);
        return new RunbookCatalog(full, activities, Directory.Exists(full) ? RunbookFiles.Under(full).ToArray() : []);
    }

    /// <summary>
    /// Reads the places of <paramref name="files"/> (each file with its other versions) and returns the problems of
    /// every file read so far: names and versions against paths, and versions defined twice. A duplicate is reported
    /// on the later file of the two, which need not be among <paramref name="files"/>; callers keep what concerns them.
    /// </summary>
    public IReadOnlyList<Diagnostic> DiagnosticsOf(IEnumerable<string> files)
    {
        Preload(files);
        return LoadedDiagnostics();
    }

    /// <summary>Reads and checks the given files, and the other versions at their places, that are not read yet; both cores share the work.</summary>
    public void Preload(IEnumerable<string> files)
    {
        // Plain loops here and below: LINQ over ints and tuples is compiled at run time, which costs a short command
        // more than the bookkeeping it saves (docs/benchmarks.md, start-up).
        var indexes = new List<int>();
        foreach (var file in files)
        {
            if (_indexOf.TryGetValue(Path.GetFullPath(file), out var index))
            {
                indexes.AddRange(_places[Place(_files[index]).Expected]);
            }
        }

        Preload(indexes);
    }

    private void PreloadAll()
    {
        var all = new List<int>(_files.Length);
        for (var i = 0; i < _files.Length; i++)
        {
            all.Add(i);
        }

        Preload(all);
    }

    /// <summary>The nearest folder named 'runbooks' at or above <paramref name="start"/>, if any.</summary>
    public static string? Discover(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (dir.Name == "runbooks")
            {
                return dir.FullName;
            }

            var child = Path.Combine(dir.FullName, "runbooks");
            if (Directory.Exists(child))
            {
                return child;
            }
        }

        return null;
    }

    public bool Contains(string path) =>
        Path.GetFullPath(path).StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public CatalogEntry? FindByPath(string path)
    {
        if (!_indexOf.TryGetValue(Path.GetFullPath(path), out var index))
        {
            return null;
        }

        Preload(_places[Place(_files[index]).Expected]);
        return _entries[index];
    }

    /// <summary>
    /// A file fully checked, calls included. The load made while indexing is reused when the file calls no
    /// other runbook, because then the two loads are identical: validating the catalog reads each file once.
    /// </summary>
    public LoadResult LoadChecked(string path)
    {
        var entry = FindByPath(path);
        return entry?.Shallow.Source is { } source && !source.Text.Contains(RunbookReference.CallPrefix, StringComparison.Ordinal)
            ? entry.Shallow
            : Loader.LoadFile(path);
    }

    public RunbookResolution Resolve(RunbookReference reference)
    {
        if (Select(reference, out var error, out var hint) is not { } entry)
        {
            return new RunbookResolution(null, error, hint);
        }

        if (entry.Shallow.Runbook is { } runbook)
        {
            return new RunbookResolution(runbook);
        }

        var errors = entry.Shallow.Diagnostics.Count(d => d.IsError);
        return new RunbookResolution(null, $"runbook '{reference}' ({entry.Shallow.Source?.File ?? entry.Path}) has {errors} error{(errors == 1 ? string.Empty : "s")}",
            $"run 'runbook validate {entry.Shallow.Source?.File ?? entry.Path}' and fix it first", Invalid: true);
    }

    /// <summary>
    /// The entry a reference names: the exact version, or the highest one. The files at the name's place are read
    /// first. Only when none of them declares the name is the whole catalog read, so that a runbook stored away from
    /// its place (itself an error, RB0203) is still found by the name it declares.
    /// </summary>
    public CatalogEntry? Select(RunbookReference reference, out string? error, out string? hint)
    {
        var candidates = new List<CatalogEntry>();
        if (_places.TryGetValue(reference.Name, out var place))
        {
            Preload(place);
            foreach (var i in place)
            {
                if (_entries[i] is { Metadata: not null } entry && entry.Name == reference.Name)
                {
                    candidates.Add(entry);
                }
            }
        }

        if (candidates.Count == 0)
        {
            candidates = Entries.Where(e => e.Name == reference.Name && e.Metadata is not null).ToList();
        }

        if (candidates.Count == 0)
        {
            error = $"there is no runbook '{reference.Name}' in the catalog {LoaderPath(Root)}";
            hint = Suggestions.Hint(reference.Name, Entries.Select(e => e.Name).Distinct().ToList(), "runbooks");
            return null;
        }

        var chosen = reference.Version is null
            ? candidates.MaxBy(e => e.Metadata!.Version)
            : candidates.FirstOrDefault(e => e.Metadata!.Version.CompareTo(reference.Version) == 0);
        if (chosen is null)
        {
            error = $"runbook '{reference.Name}' has no version {reference.Version}";
            hint = "versions in the catalog: " + string.Join(", ", candidates.Select(c => c.Metadata!.Version).Order());
            return null;
        }

        error = null;
        hint = null;
        return chosen;
    }

    /// <summary>Reads and checks whichever of the files (by index) are not read yet: on both cores when there are several.</summary>
    private void Preload(List<int> indexes)
    {
        if (indexes.TrueForAll(i => Volatile.Read(ref _entries[i]) is not null))
        {
            return;
        }

        lock (_gate)
        {
            // In path order, each file once, only those not read yet.
            var marked = new bool[_files.Length];
            foreach (var i in indexes)
            {
                marked[i] = _entries[i] is null;
            }

            var wanted = new List<int>();
            for (var i = 0; i < marked.Length; i++)
            {
                if (marked[i])
                {
                    wanted.Add(i);
                }
            }

            // One thread reads and parses while this one checks (each file without following its calls). Checking
            // without calls never asks this catalog to resolve anything, so holding the lock here cannot deadlock
            // the helper thread, which also checks files.
            var loaded = Concurrently.Pipeline(wanted.Count, i => RunbookLoader.Parse(Read(_files[wanted[i]])), parsed => Loader.Check(parsed, checkCalls: false));
            for (var i = 0; i < wanted.Count; i++)
            {
                Add(wanted[i], loaded[i]);
            }
        }
    }

    private List<CatalogEntry> Loaded()
    {
        var entries = new List<CatalogEntry>(_entries.Length);
        for (var i = 0; i < _entries.Length; i++)
        {
            if (Volatile.Read(ref _entries[i]) is { } loaded)
            {
                entries.Add(loaded);
            }
        }

        return entries;
    }

    /// <summary>The name a file's path implies, its path under the root, and the version its name carries (after '@').</summary>
    private (string Expected, string Relative, string? Version) Place(string file)
    {
        var relative = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
        var stem = relative[..relative.LastIndexOf('.')];
        var at = stem.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (stem, relative, null) : (stem[..at], relative, stem[(at + 1)..]);
    }

    private void Add(int index, LoadResult shallow)
    {
        var (expected, relative, fileVersion) = Place(_files[index]);
        var problems = new List<Diagnostic>();
        if (shallow.Root?.Mapping("metadata") is { } metadata)
        {
            if (metadata.Scalar("name") is { IsNull: false } name && name.Value != expected)
            {
                problems.Add(new Diagnostic(DiagnosticCodes.NameDoesNotMatchPath, name.Span, name.Path,
                    $"runbook '{name.Value}' is stored as runbooks/{relative}, which is the place of '{expected}'",
                    $"rename the file to runbooks/{name.Value}.yaml, or set name: {expected}"));
            }

            if (fileVersion is not null && metadata.Scalar("version") is { IsNull: false } version && version.Value != fileVersion)
            {
                problems.Add(new Diagnostic(DiagnosticCodes.NameDoesNotMatchPath, version.Span, version.Path,
                    $"version {version.Value} is stored in a file named for version {fileVersion}",
                    "an older version kept beside the current one is named <name>@<version>.yaml; make the two agree"));
            }
        }

        _placeProblems[index] = problems;
        Volatile.Write(ref _entries[index], new CatalogEntry(_files[index], expected, shallow));
    }

    /// <summary>The problems of the files read so far, duplicates among them included, in reading order.</summary>
    private IReadOnlyList<Diagnostic> LoadedDiagnostics()
    {
        var bag = new DiagnosticBag();
        List<CatalogEntry> entries;
        lock (_gate)
        {
            entries = Loaded();
            foreach (var problems in _placeProblems)
            {
                bag.AddRange(problems ?? []);
            }
        }

        // Build metadata does not count for precedence, so 1.0.0+a and 1.0.0+b are the same version to a reference.
        foreach (var group in entries.Where(e => e.Metadata is { Name.Length: > 0 }).GroupBy(e => $"{e.Name}@{e.Metadata!.Version with { Build = string.Empty }}"))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                var version = duplicate.Shallow.Root?.Mapping("metadata")?.Scalar("version");
                bag.Add(DiagnosticCodes.DuplicateCatalogEntry,
                    version?.Span ?? SourceSpan.WholeFile(duplicate.Shallow.Source?.File ?? duplicate.Path), version?.Path ?? string.Empty,
                    $"{group.Key} is also defined in {first.Shallow.Source?.File ?? first.Path}",
                    "each version of a runbook lives in exactly one file; bump this version or delete one of the files");
            }
        }

        return bag.Sorted();
    }

    private static SourceText Read(string file)
    {
        var display = RunbookLoader.DisplayPath(file);
        try
        {
            return new SourceText(display, File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable file becomes an empty document; validating it by path reports the read error.
            return new SourceText(display, string.Empty);
        }
    }

    private static string LoaderPath(string root) => RunbookLoader.DisplayPath(root);
}
