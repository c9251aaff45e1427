namespace RunbookEngine.Activities.Files;

/// <summary>
/// Permission modes as runbooks write them: four octal digits in quotes, <c>"0750"</c>. Four, because YAML reads a
/// plain <c>0750</c> as the number 750 and <c>0o644</c> as 420, which as digits would be a different mode; a
/// three-digit mode is refused rather than guessed at.
/// </summary>
internal static class UnixModes
{
    public const string Expected = "four octal digits in quotes, such as \"0750\"";

    public static UnixFileMode? Parse(string? text, string input)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length != 4 || text.Any(c => c is < '0' or > '7'))
        {
            throw new ActivityInputException(input, Expected, $"input '{input}' must be {Expected} (a plain 0750 reads as the number 750), found '{text}'");
        }

        return (UnixFileMode)Convert.ToInt32(text, 8);
    }

    public static string Format(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
