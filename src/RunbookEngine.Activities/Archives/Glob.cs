using System.Text;
using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Archives;

/// <summary>
/// A glob over '/' paths relative to the archived folder: <c>*</c> any characters but '/', <c>?</c> one such
/// character, <c>**</c> any number of folders. A pattern without '/' matches a name at any depth (<c>*.log</c>);
/// a pattern that matches a folder matches everything in it (<c>logs</c>, <c>data/tmp</c>).
/// </summary>
internal sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>The glob, or a <see cref="FormatException"/> for an empty pattern or one that leaves the folder.</summary>
    public static Glob Parse(string pattern)
    {
        var trimmed = pattern.Trim().TrimStart('/').TrimEnd('/');
        if (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        if (trimmed.Length == 0 || trimmed.Split('/').Contains(".."))
        {
            throw new FormatException($"'{pattern}' is not a pattern below the folder");
        }

        var regex = new StringBuilder(trimmed.Contains('/', StringComparison.Ordinal) ? "^" : "^(?:.*/)?");
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c == '*' && i + 1 < trimmed.Length && trimmed[i + 1] == '*')
            {
                var slashAfter = i + 2 < trimmed.Length && trimmed[i + 2] == '/';
                regex.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Glob(pattern, new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));
    }

    /// <summary>Whether the path, or a folder it is in, matches.</summary>
    public bool Matches(string relativePath) =>
        _regex.IsMatch(relativePath) || EntryPath.Ancestors(relativePath).Any(_regex.IsMatch);
}
