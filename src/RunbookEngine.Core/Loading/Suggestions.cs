namespace RunbookEngine.Loading;

/// <summary>"Did you mean" suggestions by edit distance, so a typo gets a fix rather than a list.</summary>
internal static class Suggestions
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        // Beyond a third of the word the "suggestion" is noise.
        return best is not null && bestDistance <= Math.Max(1, Math.Min(input.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>"did you mean 'x'? " followed by the valid choices, or just the choices.</summary>
    public static string Hint(string input, IReadOnlyCollection<string> candidates, string what)
    {
        var closest = Closest(input, candidates);
        var list = candidates.Count == 0 ? $"there are no {what}" : $"{what}: {string.Join(", ", candidates.Take(20))}{(candidates.Count > 20 ? ", …" : string.Empty)}";
        return closest is null ? list : $"did you mean '{closest}'? {list}";
    }

    internal static int Distance(string a, string b)
    {
        // Three rows: a transposition looks two rows back (optimal string alignment distance).
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}
