using System.Text.RegularExpressions;

namespace RunbookEngine.Format;

/// <summary>Names of steps, parameters, outputs and fields: the same rule as expression identifiers, so every name can be referenced.</summary>
public static partial class Identifiers
{
    public const string Pattern = "^[A-Za-z_][A-Za-z0-9_-]*$";

    public static bool IsValid(string name) => Regex().IsMatch(name);

    [GeneratedRegex(Pattern)]
    private static partial Regex Regex();
}
