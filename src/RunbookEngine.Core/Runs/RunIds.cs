using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace RunbookEngine.Runs;

/// <summary>
/// Run ids like <c>20261121-032812-7f3a9c</c>: UTC creation time, so ids sort (nearly) by age and tell an operator
/// when a run began, plus 24 random bits so two runs started in the same second do not collide.
/// </summary>
internal static partial class RunIds
{
    public static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>Also what keeps an id given on the command line from naming a path outside the runs folder.</summary>
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    /// <summary>The creation time encoded in the id, to the second.</summary>
    public static DateTimeOffset? TimeOf(string id) =>
        IsValid(id) && DateTimeOffset.TryParseExact(id[..15], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
