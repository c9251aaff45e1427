using System.Globalization;
using System.Text.RegularExpressions;
using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Format;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Parameters;

/// <summary>
/// Converts a YAML value (from a params file, a default, or a -p argument read as YAML) to a parameter's type
/// and checks its constraints. Values come out in the expression engine's representation: string, long,
/// bool, list, ordered map, <see cref="SecretValue"/>; durations as their canonical text.
/// </summary>
/// <param name="subject">How a value is named in messages, with {0} for its path: "parameter '{0}'".</param>
internal sealed class ParameterValueConverter(DiagnosticBag diagnostics, DiagnosticDescriptor? codeOverride = null, string subject = "parameter '{0}'")
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <param name="name">The value's path, e.g. <c>port</c> or <c>nodes[1].id</c>.</param>
    public bool TryConvert(YamlNode node, ParameterType type, string name, out object? value)
    {
        value = null;
        var errorsBefore = diagnostics.Count(d => d.IsError);
        value = Convert(node, type, name);
        return diagnostics.Count(d => d.IsError) == errorsBefore;
    }

    private object? Convert(YamlNode node, ParameterType type, string name)
    {
        switch (type.Kind)
        {
            case ParameterKind.List:
                if (node is not YamlSequence sequence)
                {
                    return Mismatch(node, name, type, "write a YAML list, e.g. [a, b] or one '- item' per line");
                }

                CheckRange(node, name, sequence.Items.Count, type, "items");
                return sequence.Items.Select((item, i) => Convert(item, type.Items ?? new ParameterType(ParameterKind.String), $"{name}[{i}]")).ToList();
            case ParameterKind.Object:
                return node is YamlMapping mapping
                    ? ConvertObject(mapping, type, name)
                    : Mismatch(node, name, type, "write a mapping of its fields: " + string.Join(", ", (type.Properties ?? []).Select(p => p.Name)));
        }

        if (node is not YamlScalar scalar || scalar.IsNull)
        {
            return Mismatch(node, name, type, null);
        }

        var raw = scalar.Value;
        switch (type.Kind)
        {
            case ParameterKind.Int:
                if (scalar.CoreValue is not long number
                    && !long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
                {
                    return Mismatch(node, name, type, "write a whole number such as 9001");
                }

                CheckRange(node, name, number, type, null);
                CheckAllowed(node, name, number, type);
                return number;
            case ParameterKind.Bool:
                if (scalar.CoreValue is bool flag || bool.TryParse(raw, out flag) && raw is "true" or "false")
                {
                    return flag;
                }

                return Mismatch(node, name, type, "write true or false");
            case ParameterKind.Duration:
                if (!Durations.TryParse(raw, out var duration))
                {
                    return Mismatch(node, name, type, Durations.Hint);
                }

                return Durations.Format(duration);
            case ParameterKind.Enum:
                var allowed = type.AllowedValues ?? [];
                var match = allowed.FirstOrDefault(a => string.Equals(System.Convert.ToString(a, CultureInfo.InvariantCulture), raw, StringComparison.Ordinal));
                if (match is null)
                {
                    Report(DiagnosticCodes.ParameterNotAllowed, node, $"{Subject(name)} is '{raw}', which is not one of its values",
                        Suggestions.Hint(raw, allowed.Select(a => System.Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToList(), "allowed values"));
                }

                return match;
            case ParameterKind.Secret:
                CheckPattern(node, name, raw, type, secret: true);
                return new SecretValue(raw);
            default:
                if (type.Kind == ParameterKind.Path && raw.Contains('\0', StringComparison.Ordinal))
                {
                    return Mismatch(node, name, type, "a path cannot contain NUL characters");
                }

                CheckPattern(node, name, raw, type, secret: false);
                CheckAllowed(node, name, raw, type);
                return raw;
        }
    }

    private Dictionary<string, object?> ConvertObject(YamlMapping mapping, ParameterType type, string name)
    {
        var properties = type.Properties ?? [];
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var property = properties.FirstOrDefault(p => p.Name == entry.Key.Value);
            if (property is null)
            {
                Report(DiagnosticCodes.UnknownParameter, entry.Key, $"{Subject(name)} has no field '{entry.Key.Value}'",
                    Suggestions.Hint(entry.Key.Value, properties.Select(p => p.Name).ToList(), $"fields of {type.DisplayName}"));
                continue;
            }

            result[property.Name] = Convert(entry.Value, property.Type, $"{name}.{property.Name}");
        }

        foreach (var property in properties.Where(p => !result.ContainsKey(p.Name)))
        {
            if (property.HasDefault)
            {
                result[property.Name] = property.Default;
            }
            else if (property.Required)
            {
                Report(DiagnosticCodes.MissingParameter, mapping, $"{Subject(name)} is missing its required field '{property.Name}'",
                    $"add '{property.Name}: <{property.Type.DisplayName}>'{(property.Description is null ? string.Empty : $" ({property.Description})")}");
            }
            else
            {
                result[property.Name] = null;
            }
        }

        return result;
    }

    private void CheckRange(YamlNode node, string name, long value, ParameterType type, string? unit)
    {
        var what = unit is null ? $"{value}" : $"{value} {unit}";
        if (type.Min is { } min && value < min)
        {
            Report(DiagnosticCodes.ParameterOutOfRange, node, $"{Subject(name)} has {what}; the minimum is {min}", RangeHint(type, unit));
        }
        else if (type.Max is { } max && value > max)
        {
            Report(DiagnosticCodes.ParameterOutOfRange, node, $"{Subject(name)} has {what}; the maximum is {max}", RangeHint(type, unit));
        }
    }

    private static string RangeHint(ParameterType type, string? unit) =>
        $"give {(unit is null ? "a value" : $"a number of {unit}")} between {type.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {type.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}";

    private void CheckAllowed(YamlNode node, string name, object value, ParameterType type)
    {
        if (type.AllowedValues is not { Count: > 0 } allowed)
        {
            return;
        }

        var text = System.Convert.ToString(value, CultureInfo.InvariantCulture);
        if (!allowed.Any(a => string.Equals(System.Convert.ToString(a, CultureInfo.InvariantCulture), text, StringComparison.Ordinal)))
        {
            Report(DiagnosticCodes.ParameterNotAllowed, node, $"{Subject(name)} is '{text}', which is not one of its allowed values",
                Suggestions.Hint(text ?? string.Empty, allowed.Select(a => System.Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToList(), "allowed values"));
        }
    }

    private void CheckPattern(YamlNode node, string name, string value, ParameterType type, bool secret)
    {
        if (type.Pattern is null)
        {
            return;
        }

        bool matches;
        try
        {
            matches = Regex.IsMatch(value, $"^(?:{type.Pattern})$", RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            matches = false;
        }

        if (!matches)
        {
            // A secret's value must never be echoed, not even in an error.
            var shown = secret ? "the given value" : $"'{value}'";
            Report(DiagnosticCodes.ParameterPatternMismatch, node, $"{Subject(name)}: {shown} does not match the pattern {type.Pattern}",
                "give a value that matches the whole pattern");
        }
    }

    private object? Mismatch(YamlNode node, string name, ParameterType type, string? hint)
    {
        var found = node switch
        {
            YamlScalar { IsNull: true } => "nothing",
            YamlScalar s when type.HoldsSecret() => s.KindName,
            YamlScalar s => $"'{s.Value}'",
            _ => node.KindName,
        };
        Report(DiagnosticCodes.ParameterTypeMismatch, node, $"{Subject(name)} must be {Article(type)}, found {found}",
            hint ?? (type.Description() is { } d ? $"write {d}" : null));
        return null;
    }

    private static string Article(ParameterType type) => type.Kind switch
    {
        ParameterKind.Int => "an int",
        ParameterKind.Enum => "one of " + string.Join(", ", (type.AllowedValues ?? []).Select(v => $"'{v}'")),
        _ => "a " + type.DisplayName,
    };

    private string Subject(string path) => string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, path);

    private void Report(DiagnosticDescriptor code, YamlNode node, string message, string? hint) =>
        diagnostics.Add(codeOverride ?? code, node.Span.EndLine == node.Span.Line ? node.Span : node.Span with { EndLine = node.Span.Line, EndColumn = node.Span.Column + 1 }, node.Path, message, hint);
}

internal static class ParameterTypeText
{
    /// <summary>Whether a value of this type is or contains a secret, so that no message may echo it.</summary>
    public static bool HoldsSecret(this ParameterType type) =>
        type.Kind == ParameterKind.Secret
        || type.Items is { } items && items.HoldsSecret()
        || (type.Properties ?? []).Any(p => p.Type.HoldsSecret());

    /// <summary>A short "write ..." phrase for a type, or null.</summary>
    public static string? Description(this ParameterType type) => type.Kind switch
    {
        ParameterKind.String or ParameterKind.Path or ParameterKind.Secret => "a string",
        ParameterKind.Duration => "a duration like 30s or 5m",
        _ => null,
    };
}
