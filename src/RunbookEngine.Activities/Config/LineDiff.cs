using System.Text;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// A unified diff of two texts by lines (hunks with <c>@@ -a,b +c,d @@</c> headers, then ' ', '-' and '+' lines),
/// for plans. Common leading and trailing lines are matched first; the rest by longest common subsequence when small
/// enough, else shown as removed then added, which is still correct, just less tidy.
/// </summary>
internal static class LineDiff
{
    /// <summary>A context that shows every line, so the diff is also the whole resulting text.</summary>
    public const int WholeFile = int.MaxValue;

    private const long MaxTableCells = 4_000_000;

    private enum Op
    {
        Same,
        Removed,
        Added,
    }

    /// <summary>The diff, or an empty string when the texts have the same lines.</summary>
    public static string Unified(string before, string after, int context = 3)
    {
        var edits = Edits(Lines(before), Lines(after));
        if (edits.All(e => e.Op == Op.Same))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        var i = 0;
        while (i < edits.Count)
        {
            var change = edits.FindIndex(i, e => e.Op != Op.Same);
            if (change < 0)
            {
                break;
            }

            var start = (int)Math.Max(i, (long)change - context);
            var end = change;

            // Extend the hunk while the next change is close enough for the contexts to touch.
            while (true)
            {
                var lastChange = end;
                while (end < edits.Count && edits[end].Op != Op.Same)
                {
                    lastChange = end++;
                }

                var next = edits.FindIndex(end, e => e.Op != Op.Same);
                if (next < 0 || next - lastChange - 1 > 2L * context)
                {
                    end = (int)Math.Min(edits.Count, lastChange + 1 + (long)context);
                    break;
                }

                end = next;
            }

            AppendHunk(text, edits, start, end);
            i = end;
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void AppendHunk(StringBuilder text, List<(Op Op, string Line, int Old, int New)> edits, int start, int end)
    {
        var hunk = edits.GetRange(start, end - start);
        var oldCount = hunk.Count(e => e.Op != Op.Added);
        var newCount = hunk.Count(e => e.Op != Op.Removed);
        var oldStart = oldCount == 0 ? hunk[0].Old : hunk.First(e => e.Op != Op.Added).Old + 1;
        var newStart = newCount == 0 ? hunk[0].New : hunk.First(e => e.Op != Op.Removed).New + 1;
        text.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        foreach (var (op, line, _, _) in hunk)
        {
            text.Append(op switch { Op.Removed => '-', Op.Added => '+', _ => ' ' }).Append(line).Append('\n');
        }
    }

    /// <summary>Lines without their endings; a final line break does not make an empty last line.</summary>
    private static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>Every line of both texts in order, each with its 0-based position in the old and the new text.</summary>
    private static List<(Op Op, string Line, int Old, int New)> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var edits = new List<(Op, string, int, int)>(a.Length + b.Length);
        for (var k = 0; k < prefix; k++)
        {
            edits.Add((Op.Same, a[k], k, k));
        }

        Middle(a, b, prefix, a.Length - suffix, b.Length - suffix, edits);
        for (var k = suffix; k > 0; k--)
        {
            edits.Add((Op.Same, a[^k], a.Length - k, b.Length - k));
        }

        return edits;
    }

    private static void Middle(string[] a, string[] b, int from, int aEnd, int bEnd, List<(Op, string, int, int)> edits)
    {
        int n = aEnd - from, m = bEnd - from;
        if ((long)n * m > MaxTableCells)
        {
            for (var k = 0; k < n; k++)
            {
                edits.Add((Op.Removed, a[from + k], from + k, from));
            }

            for (var k = 0; k < m; k++)
            {
                edits.Add((Op.Added, b[from + k], from + n, from + k));
            }

            return;
        }

        // lcs[i, j]: length of the longest common subsequence of a[from+i..] and b[from+j..].
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[from + i] == b[from + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[from + x] == b[from + y])
            {
                edits.Add((Op.Same, a[from + x], from + x, from + y));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // On a tie the removal goes first, as diff tools show a changed line: "-old" then "+new".
                edits.Add((Op.Removed, a[from + x], from + x, from + y));
                x++;
            }
            else
            {
                edits.Add((Op.Added, b[from + y], from + x, from + y));
                y++;
            }
        }
    }
}
