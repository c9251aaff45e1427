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
        var none = what.StartsWith("its ", StringComparison.Ordinal) ? $"it has no {what[4..]}" : $"there are no {what}";
        var list = candidates.Count == 0 ? none : $"{what}: {string.Join(", ", candidates.Take(20))}{(candidates.Count > 20 ? ", …" : string.Empty)}";
        return closest is null ? list : $"did you mean '{closest}'? {list}";
    }

    /// <summary>One edit-distance implementation for the whole product: the expression language's.</summary>
    internal static int Distance(string a, string b) => Expressions.NameSuggestions.Distance(a, b);
}
