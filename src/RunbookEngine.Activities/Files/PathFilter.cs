namespace RunbookEngine.Activities.Files;

/// <summary>
/// <c>include:</c> and <c>exclude:</c> of a tree walk, matched against paths relative to the tree's root. A pattern
/// without '/' matches a name at any depth (<c>*.log</c>); one with '/' matches the whole relative path
/// (<c>snapshots/**</c>). An excluded folder is not entered at all; includes select files.
/// </summary>
internal sealed class PathFilter
{
    private readonly IReadOnlyList<(Glob Glob, bool NameOnly)> _include;
    private readonly IReadOnlyList<(Glob Glob, bool NameOnly)> _exclude;

    private PathFilter(IReadOnlyList<(Glob, bool)> include, IReadOnlyList<(Glob, bool)> exclude)
    {
        _include = include;
        _exclude = exclude;
    }

    public static PathFilter All { get; } = new([], []);

    public bool HasIncludes => _include.Count > 0;

    /// <summary>Builds the filter; a malformed pattern is an input error naming the input and the pattern.</summary>
    public static PathFilter From(IReadOnlyList<string>? include, IReadOnlyList<string>? exclude, string includeInput = "include", string excludeInput = "exclude") =>
        new(Parse(include, includeInput), Parse(exclude, excludeInput));

    public bool IncludesFile(string relativePath) =>
        !Matches(_exclude, relativePath) && (_include.Count == 0 || Matches(_include, relativePath));

    public bool ExcludesDirectory(string relativePath) => Matches(_exclude, relativePath);

    private static bool Matches(IReadOnlyList<(Glob Glob, bool NameOnly)> patterns, string relativePath)
    {
        foreach (var (glob, nameOnly) in patterns)
        {
            if (glob.IsMatch(nameOnly ? relativePath[(relativePath.LastIndexOf('/') + 1)..] : relativePath))
            {
                return true;
            }
        }

        return false;
    }

    private static List<(Glob, bool)> Parse(IReadOnlyList<string>? patterns, string input)
    {
        var parsed = new List<(Glob, bool)>();
        for (var i = 0; i < (patterns?.Count ?? 0); i++)
        {
            // A leading '/' anchors the pattern at the root ("/x" is only the top-level x); a trailing one is ignored.
            var pattern = patterns![i];
            var nameOnly = !pattern.TrimEnd('/').Contains('/', StringComparison.Ordinal);
            try
            {
                parsed.Add((Glob.Parse(pattern.Trim('/')), nameOnly));
            }
            catch (FormatException ex)
            {
                throw new ActivityInputException($"{input}[{i}]", "a glob such as *.log or data/**", $"input '{input}[{i}]': {ex.Message}");
            }
        }

        return parsed;
    }
}
