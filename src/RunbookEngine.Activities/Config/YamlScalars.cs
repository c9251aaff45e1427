using System.Globalization;
using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// How plain scalars are read (the YAML 1.2 core schema) and when a string must be quoted to stay a string: also
/// under YAML 1.1 readers such as Go's yaml.v2 (which cowsql's tooling uses), where <c>yes</c>, <c>on</c>,
/// <c>0777</c> or <c>1:30</c> are not strings. <c>127.0.0.1:9001</c> stays plain.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>The value of a plain scalar under the YAML 1.2 core schema: null, bool, long, double or the text.</summary>
    public static object? Resolve(string plain)
    {
        if (IsNull(plain))
        {
            return null;
        }

        if (plain is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (plain is "false" or "False" or "FALSE")
        {
            return false;
        }

        if (CoreInt().IsMatch(plain))
        {
            // (object) on both sides: a conditional of long and double would be a double.
            return long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? (object)whole
                : (object)double.Parse(plain, CultureInfo.InvariantCulture);
        }

        if (plain.StartsWith("0o", StringComparison.Ordinal) && plain.Length > 2 && plain[2..].All(c => c is >= '0' and <= '7'))
        {
            return Convert.ToInt64(plain[2..], 8);
        }

        if (plain.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(plain[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (CoreFloat().IsMatch(plain))
        {
            return double.Parse(plain, CultureInfo.InvariantCulture);
        }

        return plain switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ => plain,
        };
    }

    public static bool IsNull(string plain) => plain is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Whether <paramref name="text"/> can be written unquoted and still be read back as this string by 1.1 and 1.2 readers.</summary>
    public static bool CanBePlain(string text, bool inFlow)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || !Resolves(text))
        {
            return false;
        }

        if ("-?:,[]{}#&*!|>'\"%@`=<".Contains(text[0], StringComparison.Ordinal) && !(text[0] is '-' && text.Length > 1 && text[1] != ' '))
        {
            return false;
        }

        if (text.EndsWith(':') || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        if (inFlow && text.AsSpan().IndexOfAny(",[]{}") >= 0)
        {
            return false;
        }

        // Controls, line breaks, tabs, and the characters YAML treats as line breaks or a byte order mark.
        return !text.Any(c => char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF');
    }

    /// <summary>A string in double quotes, escaped so that any text (line breaks included) survives on one line.</summary>
    public static string DoubleQuoted(string text)
    {
        var quoted = new System.Text.StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                '\u0085' => "\\N",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                '\uFEFF' => "\\uFEFF",
                _ when char.IsControl(c) => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>True when no reader would take the text for something other than a string.</summary>
    private static bool Resolves(string text) =>
        Resolve(text) is string
        && !Yaml11Special().IsMatch(text)
        && !text.StartsWith("---", StringComparison.Ordinal)
        && !text.StartsWith("...", StringComparison.Ordinal);

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex CoreInt();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex CoreFloat();

    /// <summary>
    /// YAML 1.1 forms that are not strings: y/n/yes/no/on/off booleans, binary, octal, hex and base-60 integers and
    /// floats with underscores, the merge and value keys, and timestamps (quoted by their date prefix).
    /// </summary>
    [GeneratedRegex(
        "^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF" +
        "|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?(0|[1-9][0-9_]*)" +
        "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?" +
        "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?" +
        "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|<<|=)$" +
        "|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex Yaml11Special();
}
