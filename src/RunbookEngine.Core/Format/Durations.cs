using System.Globalization;
using System.Text.RegularExpressions;

namespace RunbookEngine.Format;

/// <summary>Durations written the way operators write them: 500ms, 30s, 5m, 1h30m, 2d.</summary>
public static partial class Durations
{
    public const string Pattern = "^([0-9]+(ms|s|m|h|d))+$";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!Whole().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in Part().Matches(text))
        {
            if (!long.TryParse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unit = part.Groups[2].Value switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => TimeSpan.TicksPerDay,
            };
            try
            {
                // Whole ticks: TimeSpan * double rounds large amounts to the nearest double.
                value = checked(value + TimeSpan.FromTicks(checked(unit * amount)));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The shortest spelling that parses back to the same value, e.g. 90s → 1m30s.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new System.Text.StringBuilder();
        void Add(long amount, string unit)
        {
            if (amount > 0)
            {
                parts.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }

        Add((long)value.TotalDays, "d");
        Add(value.Hours, "h");
        Add(value.Minutes, "m");
        Add(value.Seconds, "s");
        Add(value.Milliseconds, "ms");

        // Measured times (a process that ran for 400 µs) are shorter than the smallest unit written.
        return parts.Length > 0 ? parts.ToString() : "<1ms";
    }

    public const string Hint = "write a duration like 500ms, 30s, 5m, 1h30m or 2d";

    [GeneratedRegex(Pattern)]
    private static partial Regex Whole();

    [GeneratedRegex("([0-9]+)(ms|s|m|h|d)")]
    private static partial Regex Part();
}
