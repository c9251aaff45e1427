using System.Globalization;
using System.Text.Json;
using RunbookEngine.Expressions;

namespace RunbookEngine.Cli.Output;

/// <summary>Values as users read them in tables: scalars plain, lists and maps as compact JSON, secrets hidden.</summary>
internal static class ValueText
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        SecretValue => "***",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(Plain(value)),
    };

    private static object? Plain(object? value) => value switch
    {
        SecretValue => "***",
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        IEnumerable<object?> list when value is not string => list.Select(Plain).ToList(),
        _ => value,
    };
}
