using System.Text;
using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Files;

/// <summary>
/// A path pattern: <c>*</c> any characters within one path segment, <c>**</c> any number of whole segments,
/// <c>?</c> one character, <c>[abc]</c>/<c>[!abc]</c> one of (or none of) a set. Matching is ordinal and
/// case-sensitive, against '/'-separated paths, and <c>*</c> matches names starting with a dot: in a data folder
/// <c>.meta</c> is data, not a hidden file to be spared.
/// </summary>
internal sealed class Glob
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>Whether the text contains a wildcard; a path without one names exactly one entry.</summary>
    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?', '[') >= 0;

    /// <summary>The pattern as a glob; a <see cref="FormatException"/> says why it is not one.</summary>
    public static Glob Parse(string pattern)
    {
        var regex = new StringBuilder("^");
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var startsSegment = i == 0 || pattern[i - 1] == '/';
                var endsSegment = i + 2 == pattern.Length || pattern[i + 2] == '/';
                if (!startsSegment || !endsSegment)
                {
                    throw new FormatException($"'**' must be a whole path segment in '{pattern}' (use '*' inside a name)");
                }

                // "**/" also matches no folder at all, so "**/x" finds a top-level x too.
                regex.Append(i + 2 < pattern.Length ? "(?:[^/]*/)*" : ".*");
                i += i + 2 < pattern.Length ? 3 : 2;
                continue;
            }

            switch (c)
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var end = i + 2 <= pattern.Length ? pattern.IndexOf(']', i + 2) : -1;
                    if (end < 0)
                    {
                        throw new FormatException($"'[' without a closing ']' in '{pattern}'");
                    }

                    var set = pattern[(i + 1)..end];
                    var negate = set.StartsWith('!');
                    regex.Append(negate ? "[^/" : "[").Append(EscapeSet(negate ? set[1..] : set)).Append(']');
                    i = end;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        regex.Append('$');
        return new Glob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout));
    }

    public bool IsMatch(string path) => _regex.IsMatch(path);

    // Inside a set only '\', '^' and '[' need escaping for .NET; '-' keeps its range meaning.
    private static string EscapeSet(string set) => set.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("^", "\\^", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
}
