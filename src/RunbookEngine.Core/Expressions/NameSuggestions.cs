namespace RunbookEngine.Expressions;

/// <summary>"Did you mean" support: typos in names should come with the fix, not just a rejection.</summary>
internal static class NameSuggestions
{
    private const int MaxListed = 20;

    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates)
    {
        var scored = new List<(string Candidate, int Distance)>();
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                scored.Add((candidate, 0));
                continue;
            }

            var distance = Distance(name, candidate);
            var allowed = Math.Max(1, Math.Min(name.Length, candidate.Length) / 3);
            if (distance <= allowed)
            {
                scored.Add((candidate, distance));
            }
        }

        return scored
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Candidate, StringComparer.Ordinal)
            .Select(s => s.Candidate)
            .ToList();
    }

    /// <summary>A hint such as "did you mean 'nodes'?" or, failing that, the list of valid names.</summary>
    public static string Hint(string name, IEnumerable<string> candidates, string availableLabel)
    {
        var all = candidates.ToList();
        var close = Closest(name, all);
        if (close.Count > 0)
        {
            return "did you mean " + string.Join(" or ", close.Take(3).Select(c => $"'{c}'")) + "?";
        }

        return all.Count == 0 ? $"no {availableLabel} are available" : $"available {availableLabel}: {List(all)}";
    }

    public static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        var shown = string.Join(", ", all.Take(MaxListed));
        return all.Count > MaxListed ? $"{shown}, ... ({all.Count - MaxListed} more)" : shown;
    }

    /// <summary>Case-insensitive optimal string alignment distance (adjacent transpositions count as one edit).</summary>
    internal static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
