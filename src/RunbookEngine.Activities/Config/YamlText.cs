using System.Globalization;
using System.Text;
using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// Writes expression values (null, bool, long, double, string, secret, lists, maps) as YAML: block style with
/// two-space indentation and indented sequences, keys in the order the map gives them, strings plain when that is
/// safe and double-quoted otherwise. Secrets are written as their text: the file needs the real password.
/// </summary>
internal static class YamlText
{
    private const int MaxDepth = 64;

    /// <summary>A whole document, ending with a line break.</summary>
    public static string Document(object? value) => (IsCollection(value) && !IsEmpty(value) ? Block(value, 0) : Inline(value, inFlow: false)) + "\n";

    public static bool IsCollection(object? value) => Values.Normalize(value) is IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>;

    public static bool IsEmpty(object? value) => Values.Normalize(value) switch
    {
        IReadOnlyList<object?> list => list.Count == 0,
        IReadOnlyDictionary<string, object?> map => map.Count == 0,
        _ => false,
    };

    /// <summary>A non-empty list or map in block style, every line indented by <paramref name="indent"/>, no final line break.</summary>
    public static string Block(object? value, int indent)
    {
        var text = new StringBuilder();
        AppendBlock(text, Values.Normalize(value), indent, 0);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A value on one line: a scalar, or a list or map in flow style (<c>[a, b]</c>, <c>{k: v}</c>).</summary>
    public static string Inline(object? value, bool inFlow) => Inline(value, inFlow, 0);

    /// <summary>A mapping key: plain when safe, else double-quoted.</summary>
    public static string Key(string key, bool inFlow) => String(key, inFlow);

    /// <summary>The value with secrets revealed and every level normalized, as written to the file (for comparisons).</summary>
    public static object? Plain(object? value, int depth = 0)
    {
        CheckDepth(depth);
        return Values.Normalize(value) switch
        {
            SecretValue secret => secret.Reveal(),
            IReadOnlyList<object?> list => list.Select(v => Plain(v, depth + 1)).ToList(),
            IReadOnlyDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Plain(e.Value, depth + 1), StringComparer.Ordinal),
            var other => other,
        };
    }

    private static void AppendBlock(StringBuilder text, object? value, int indent, int depth)
    {
        CheckDepth(depth);
        var pad = new string(' ', indent);
        if (value is IReadOnlyDictionary<string, object?> map)
        {
            foreach (var (key, item) in map)
            {
                text.Append(pad).Append(Key(key, inFlow: false)).Append(':');
                AppendValue(text, Values.Normalize(item), indent, depth, afterDash: false);
            }
        }
        else if (value is IReadOnlyList<object?> list)
        {
            foreach (var item in list)
            {
                text.Append(pad).Append('-');
                AppendValue(text, Values.Normalize(item), indent, depth, afterDash: true);
            }
        }
    }

    /// <summary>What follows <c>key:</c> or <c>-</c>: a scalar on the same line, or a nested block.</summary>
    private static void AppendValue(StringBuilder text, object? value, int indent, int depth, bool afterDash)
    {
        if (!IsCollection(value) || IsEmpty(value))
        {
            text.Append(' ').Append(Inline(value, inFlow: false, depth + 1)).Append('\n');
            return;
        }

        if (afterDash)
        {
            // "- key: value" with the rest of the item's keys under the first one.
            var nested = new StringBuilder();
            AppendBlock(nested, value, indent + 2, depth + 1);
            text.Append(' ').Append(nested.ToString(indent + 2, nested.Length - indent - 2));
            return;
        }

        text.Append('\n');
        AppendBlock(text, value, indent + 2, depth + 1);
    }

    private static string Inline(object? value, bool inFlow, int depth)
    {
        CheckDepth(depth);
        return Values.Normalize(value) switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => Number(d),
            string s => String(s, inFlow),
            SecretValue secret => String(secret.Reveal(), inFlow),
            IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(v => Inline(v, inFlow: true, depth + 1))) + "]",
            IReadOnlyDictionary<string, object?> map => "{" + string.Join(", ", map.Select(e => $"{Key(e.Key, inFlow: true)}: {Inline(e.Value, inFlow: true, depth + 1)}")) + "}",
            var other => String(other.ToString() ?? string.Empty, inFlow),
        };
    }

    private static string String(string text, bool inFlow) => YamlScalars.CanBePlain(text, inFlow) ? text : YamlScalars.DoubleQuoted(text);

    /// <summary>Always readable back as a float: <c>1.0</c>, not <c>1</c>.</summary>
    private static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return ".nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? ".inf" : "-.inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".Ee") >= 0 ? text : text + ".0";
    }

    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ActivityInputException("value", "a value nested less deeply", $"the value is nested more than {MaxDepth} levels deep");
        }
    }
}
