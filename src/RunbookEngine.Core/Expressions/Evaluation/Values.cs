using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace RunbookEngine.Expressions.Evaluation;

/// <summary>
/// The canonical runtime value model: null, bool, long, double, string, <see cref="SecretValue"/>,
/// <see cref="IReadOnlyList{T}"/> of object and <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to object.
/// Callers (activities, parameters) hand in whatever CLR shapes are convenient; everything is funnelled through
/// <see cref="Normalize"/> so the rest of the engine only has to handle the canonical kinds.
/// </summary>
internal static class Values
{
    /// <summary>Converts one level; list elements and map values are normalized when they are read.</summary>
    public static object? Normalize(object? value)
    {
        switch (value)
        {
            case null:
            case bool:
            case long:
            case double:
            case string:
            case SecretValue:
            case IReadOnlyDictionary<string, object?>:
                return value;
            case int i:
                return (long)i;
            case short s:
                return (long)s;
            case byte b:
                return (long)b;
            case sbyte sb:
                return (long)sb;
            case ushort us:
                return (long)us;
            case uint ui:
                return (long)ui;
            case ulong ul:
                return ul <= long.MaxValue ? (long)ul : (double)ul;
            case float f:
                return (double)f;
            case decimal m:
                return (double)m;
            case char c:
                return c.ToString();
            case Enum e:
                return e.ToString();
            case DateTime dt:
                return dt.ToString("O", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("O", CultureInfo.InvariantCulture);
            case JsonElement element:
                return JsonValues.FromElement(element);
            case IDictionary dictionary:
                return CopyDictionary(dictionary);
            case IReadOnlyList<object?>:
                return value;
            case IEnumerable enumerable:
                return enumerable.Cast<object?>().ToList();
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                return value.ToString();
        }
    }

    /// <summary>
    /// Normalizes the whole tree so that consumers of an evaluation result never see caller-specific CLR types.
    /// Returns the same instance when nothing needed converting, to avoid copying large step outputs.
    /// </summary>
    public static object? NormalizeDeep(object? value)
    {
        var normalized = Normalize(value);
        switch (normalized)
        {
            case IReadOnlyList<object?> list:
            {
                List<object?>? copy = null;
                for (var i = 0; i < list.Count; i++)
                {
                    var element = list[i];
                    var converted = NormalizeDeep(element);
                    if (copy is null && !ReferenceEquals(converted, element))
                    {
                        copy = new List<object?>(list.Count);
                        for (var j = 0; j < i; j++)
                        {
                            copy.Add(list[j]);
                        }
                    }

                    copy?.Add(converted);
                }

                return copy ?? normalized;
            }

            case IReadOnlyDictionary<string, object?> map:
            {
                Dictionary<string, object?>? copy = null;
                foreach (var (key, element) in map)
                {
                    var converted = NormalizeDeep(element);
                    if (copy is null && !ReferenceEquals(converted, element))
                    {
                        copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                        foreach (var (earlierKey, earlier) in map)
                        {
                            if (string.Equals(earlierKey, key, StringComparison.Ordinal))
                            {
                                break;
                            }

                            copy[earlierKey] = earlier;
                        }
                    }

                    if (copy is not null)
                    {
                        copy[key] = converted;
                    }
                }

                return copy ?? normalized;
            }

            default:
                return normalized;
        }
    }

    public static ValueKind KindOf(object? value) => Normalize(value) switch
    {
        null => ValueKind.Null,
        bool => ValueKind.Bool,
        long => ValueKind.Int,
        double => ValueKind.Number,
        string => ValueKind.String,
        SecretValue => ValueKind.Secret,
        IReadOnlyList<object?> => ValueKind.List,
        IReadOnlyDictionary<string, object?> => ValueKind.Map,
        _ => ValueKind.Any,
    };

    public static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Any => "any",
        ValueKind.Null => "null",
        ValueKind.Bool => "bool",
        ValueKind.Int => "int",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.List => "list",
        ValueKind.Map => "map",
        ValueKind.Secret => "secret",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>"a string", "an int", "null": reads naturally inside error messages.</summary>
    public static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Any => "a value of unknown kind",
        ValueKind.Int => "an int",
        _ => "a " + KindName(kind),
    };

    public static string Describe(object? value) => Describe(KindOf(value));

    public static bool IsNumber(object? value) => value is long or double;

    public static bool TryGetInteger(object? value, out long result)
    {
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case double d when double.IsFinite(d) && Math.Floor(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0:
                result = (long)d;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Deep equality. Int and number compare numerically; a secret equals a string with the same text.</summary>
    public static bool AreEqual(object? left, object? right)
    {
        left = Normalize(left);
        right = Normalize(right);
        switch (left, right)
        {
            case (null, null):
                return true;
            case (null, _):
            case (_, null):
                return false;
            case (bool a, bool b):
                return a == b;
            case (long or double, long or double):
                return CompareNumbers(left, right) == 0;
            case (string or SecretValue, string or SecretValue):
                return string.Equals(TextOf(left), TextOf(right), StringComparison.Ordinal);
            case (IReadOnlyList<object?> a, IReadOnlyList<object?> b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!AreEqual(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                foreach (var (key, value) in a)
                {
                    if (!b.TryGetValue(key, out var other) || !AreEqual(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Ordering is defined for number vs number and string vs string (ordinal) only.</summary>
    public static bool TryCompare(object? left, object? right, out int result)
    {
        left = Normalize(left);
        right = Normalize(right);
        switch (left, right)
        {
            case (long or double, long or double):
                result = CompareNumbers(left, right);
                return true;
            case (string a, string b):
                result = Math.Sign(string.CompareOrdinal(a, b));
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static string TextOf(object value) => value is SecretValue secret ? secret.Reveal() : (string)value;

    private static int CompareNumbers(object left, object right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (long a, double b) => CompareMixed(a, b),
        (double a, long b) => -CompareMixed(b, a),
        _ => throw new InvalidOperationException("not numbers"),
    };

    /// <summary>Exact comparison; converting the long to double would make distinct large values equal.</summary>
    private static int CompareMixed(long a, double b)
    {
        if (double.IsNaN(b))
        {
            return 1;
        }

        if (b >= 9223372036854775808.0)
        {
            return -1;
        }

        if (b < -9223372036854775808.0)
        {
            return 1;
        }

        var truncated = Math.Truncate(b);
        var integral = a.CompareTo((long)truncated);
        if (integral != 0)
        {
            return integral;
        }

        var fraction = b - truncated;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    private static Dictionary<string, object?> CopyDictionary(IDictionary dictionary)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = entry.Key as string ?? Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            copy[key] = entry.Value;
        }

        return copy;
    }
}
