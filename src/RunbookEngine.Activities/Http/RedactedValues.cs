using RunbookEngine.Activities.Context;
using RunbookEngine.Expressions;

namespace RunbookEngine.Activities.Http;

/// <summary>
/// A copy of an expression value (parsed JSON, another activity's outputs) fit for outputs and messages: every string
/// and map key redacted, every <see cref="SecretValue"/> replaced by its mask.
/// </summary>
internal static class RedactedValues
{
    private const int MaxDepth = 64;

    public static object? Of(object? value, SecretRedactor redactor) => Of(value, redactor, 0);

    private static object? Of(object? value, SecretRedactor redactor, int depth) => value switch
    {
        _ when depth > MaxDepth => "…",
        string s => redactor.Redact(s),
        SecretValue secret => secret.ToString(),
        IReadOnlyDictionary<string, object?> map => Map(map, redactor, depth),
        IReadOnlyList<object?> list => list.Select(item => Of(item, redactor, depth + 1)).ToList(),
        _ => value,
    };

    private static Dictionary<string, object?> Map(IReadOnlyDictionary<string, object?> map, SecretRedactor redactor, int depth)
    {
        // Keys too: a server may echo a token as a key. Two keys that redact alike keep the last value.
        var redacted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in map)
        {
            redacted[redactor.Redact(key)] = Of(item, redactor, depth + 1);
        }

        return redacted;
    }
}
