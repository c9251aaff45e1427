using System.Collections;
using System.Globalization;
using RunbookEngine.Expressions;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Binding;

/// <summary>
/// Turns an output record into expression values (<c>steps.x.outputs</c>): integers become long, fractions double,
/// enums their camelCase name, durations text like <c>1m30s</c>, nested records and maps string-keyed maps with
/// camelCase keys for record properties (map keys stay as written). Reflection for the same reasons as the binder.
/// </summary>
internal static class OutputConverter
{
    private const int MaxDepth = 32;

    public static IReadOnlyDictionary<string, object?> ToValues(object output) =>
        (IReadOnlyDictionary<string, object?>)ToValue(output, 0)!;

    private static object? ToValue(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"an activity output is nested more than {MaxDepth} levels deep (a cycle?)");
        }

        switch (value)
        {
            case null:
                return null;
            case string or bool or long or double or SecretValue:
                return value;
            case int or short or byte or sbyte or ushort or uint:
                return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong big:
                return big <= long.MaxValue ? (long)big : (double)big;
            case float or decimal:
                return System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case TimeSpan duration:
                return Durations.Format(duration);
            case DateTimeOffset or DateTime:
                return ((IFormattable)value).ToString("O", CultureInfo.InvariantCulture);
            case Enum e:
                return TypeShapes.CamelCase(e.ToString());
            case IDictionary map:
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in map)
                {
                    values[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToValue(entry.Value, depth + 1);
                }

                return values;
            case IEnumerable list:
                return list.Cast<object?>().Select(item => ToValue(item, depth + 1)).ToList();
            default:
                return RecordMembers.Of(value.GetType())
                    .ToDictionary(m => m.Name, m => ToValue(m.Property.GetValue(value), depth + 1), StringComparer.Ordinal);
        }
    }
}
