using System.Globalization;
using System.Text.RegularExpressions;

namespace RunbookEngine.Model;

/// <summary>A semantic version (semver.org 2.0.0), ordered by semver precedence.</summary>
internal sealed partial record SemVersion(int Major, int Minor, int Patch, string Prerelease, string Build) : IComparable<SemVersion>
{
    /// <summary>The regular expression published at https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string.</summary>
    public const string Pattern =
        @"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$";

    public static bool TryParse(string text, out SemVersion version)
    {
        version = new SemVersion(0, 0, 0, string.Empty, string.Empty);
        var m = Regex().Match(text);
        if (!m.Success
            || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
        {
            return false;
        }

        version = new SemVersion(major, minor, patch, m.Groups[4].Value, m.Groups[5].Value);
        return true;
    }

    public int CompareTo(SemVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        c = c != 0 ? c : Minor.CompareTo(other.Minor);
        c = c != 0 ? c : Patch.CompareTo(other.Patch);
        return c != 0 ? c : ComparePrerelease(Prerelease, other.Prerelease);
    }

    // A version without a pre-release outranks one with; identifiers compare numerically when both are numbers.
    private static int ComparePrerelease(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return b.Length.CompareTo(a.Length);
        }

        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var ln = IsNumeric(left[i]);
            var rn = IsNumeric(right[i]);
            var c = (ln, rn) switch
            {
                // No leading zeros (the pattern forbids them), so a longer number is a larger one, of any size.
                (true, true) => left[i].Length != right[i].Length ? left[i].Length.CompareTo(right[i].Length) : string.CompareOrdinal(left[i], right[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static bool IsNumeric(string identifier) => identifier.All(char.IsAsciiDigit);

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}{(Prerelease.Length > 0 ? "-" + Prerelease : string.Empty)}{(Build.Length > 0 ? "+" + Build : string.Empty)}";

    [GeneratedRegex(Pattern)]
    private static partial Regex Regex();
}
