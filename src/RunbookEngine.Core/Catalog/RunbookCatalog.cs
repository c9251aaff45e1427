using RunbookEngine.Activities;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Catalog;

/// <summary>
/// The runbooks under a catalog root (<c>runbooks/&lt;system&gt;/&lt;name&gt;.yaml</c>, older versions as
/// <c>&lt;name&gt;@&lt;version&gt;.yaml</c>). Resolves references by name, optionally pinned to a version.
/// </summary>
internal sealed class RunbookCatalog : IRunbookResolver
{
    private readonly List<CatalogEntry> _entries = [];
    private readonly DiagnosticBag _diagnostics = new();

    private RunbookCatalog(string root, IActivityCatalog activities)
    {
        Root = root;
        Activities = activities;
        Loader = new RunbookLoader(activities, this);
    }

    public string Root { get; }

    public IActivityCatalog Activities { get; }

    /// <summary>A loader whose runbook calls resolve against this catalog.</summary>
    public RunbookLoader Loader { get; }

    public IReadOnlyList<CatalogEntry> Entries => _entries;

    /// <summary>Problems of the catalog as a whole: names that do not match paths, duplicate versions.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics.Sorted();

    public static RunbookCatalog Open(string root, IActivityCatalog activities)
    {
        var catalog = new RunbookCatalog(Path.GetFullPath(root), activities);
        if (Directory.Exists(root))
        {
            // Files are read and parsed on one core while the other checks them; entries and diagnostics are added in
            // file order as before.
            var files = RunbookFiles.Under(root).ToArray();
            var loaded = Concurrently.Pipeline(files.Length, i => RunbookLoader.Parse(Read(files[i])), parsed => catalog.Loader.Check(parsed, checkCalls: false));
            for (var i = 0; i < files.Length; i++)
            {
                catalog.Add(files[i], loaded[i]);
            }
        }

        catalog.CheckDuplicates();
        return catalog;
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

    public CatalogEntry? FindByPath(string path) =>
        _entries.FirstOrDefault(e => string.Equals(Path.GetFullPath(e.Path), Path.GetFullPath(path), StringComparison.Ordinal));

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

    /// <summary>The entry a reference names: the exact version, or the highest one.</summary>
    public CatalogEntry? Select(RunbookReference reference, out string? error, out string? hint)
    {
        var candidates = _entries.Where(e => e.Name == reference.Name && e.Metadata is not null).ToList();
        if (candidates.Count == 0)
        {
            error = $"there is no runbook '{reference.Name}' in the catalog {LoaderPath(Root)}";
            hint = Suggestions.Hint(reference.Name, _entries.Select(e => e.Name).Distinct().ToList(), "runbooks");
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

    private void Add(string file, LoadResult shallow)
    {
        var relative = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
        var stem = relative[..relative.LastIndexOf('.')];
        var at = stem.IndexOf('@', StringComparison.Ordinal);
        var expected = at < 0 ? stem : stem[..at];
        var entry = new CatalogEntry(file, expected, shallow);
        _entries.Add(entry);

        if (shallow.Root?.Mapping("metadata") is not { } metadata)
        {
            return;
        }

        if (metadata.Scalar("name") is { IsNull: false } name && name.Value != expected)
        {
            _diagnostics.Add(DiagnosticCodes.NameDoesNotMatchPath, name.Span, name.Path,
                $"runbook '{name.Value}' is stored as runbooks/{relative}, which is the place of '{expected}'",
                $"rename the file to runbooks/{name.Value}.yaml, or set name: {expected}");
        }

        if (at >= 0 && metadata.Scalar("version") is { IsNull: false } version && version.Value != stem[(at + 1)..])
        {
            _diagnostics.Add(DiagnosticCodes.NameDoesNotMatchPath, version.Span, version.Path,
                $"version {version.Value} is stored in a file named for version {stem[(at + 1)..]}",
                "an older version kept beside the current one is named <name>@<version>.yaml; make the two agree");
        }
    }

    private void CheckDuplicates()
    {
        // Build metadata does not count for precedence, so 1.0.0+a and 1.0.0+b are the same version to a reference.
        foreach (var group in _entries.Where(e => e.Metadata is { Name.Length: > 0 }).GroupBy(e => $"{e.Name}@{e.Metadata!.Version with { Build = string.Empty }}"))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                var version = duplicate.Shallow.Root?.Mapping("metadata")?.Scalar("version");
                _diagnostics.Add(DiagnosticCodes.DuplicateCatalogEntry,
                    version?.Span ?? SourceSpan.WholeFile(duplicate.Shallow.Source?.File ?? duplicate.Path), version?.Path ?? string.Empty,
                    $"{group.Key} is also defined in {first.Shallow.Source?.File ?? first.Path}",
                    "each version of a runbook lives in exactly one file; bump this version or delete one of the files");
            }
        }
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
