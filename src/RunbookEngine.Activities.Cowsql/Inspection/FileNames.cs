using System.Globalization;

namespace RunbookEngine.Activities.Cowsql.Inspection;

/// <summary>
/// raft's file name templates (canonical/raft v0.15.0 src/uv.h and uv_segment.c / uv_snapshot.c):
/// closed segment "%016llu-%016llu", open segment "open-%llu", snapshot "snapshot-%llu-%llu-%llu"
/// (term, index, timestamp) plus ".meta". raft matches them with sscanf and requires the whole
/// name to be consumed; here only plain decimal digits are accepted.
/// </summary>
internal static class FileNames
{
    public const string MetaSuffix = ".meta";

    public static bool TryParseClosed(string name, out ulong first, out ulong last)
    {
        first = last = 0;
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && TryNumber(name.AsSpan(0, dash), out first)
            && TryNumber(name.AsSpan(dash + 1), out last);
    }

    public static bool TryParseOpen(string name, out ulong counter)
    {
        counter = 0;
        return name.StartsWith("open-", StringComparison.Ordinal) && TryNumber(name.AsSpan(5), out counter);
    }

    /// <summary>Parses a snapshot data file name (without ".meta").</summary>
    public static bool TryParseSnapshot(string name, out ulong term, out ulong index, out ulong timestamp)
    {
        term = index = timestamp = 0;
        if (!name.StartsWith("snapshot-", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = name["snapshot-".Length..].Split('-');
        return parts.Length == 3
            && TryNumber(parts[0], out term)
            && TryNumber(parts[1], out index)
            && TryNumber(parts[2], out timestamp);
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return !text.IsEmpty && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
