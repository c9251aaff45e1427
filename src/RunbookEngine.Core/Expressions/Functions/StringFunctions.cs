using System.Globalization;
using System.Text;

namespace RunbookEngine.Expressions.Functions;

internal static class StringFunctions
{
    public static IReadOnlyList<FunctionDefinition> Definitions { get; } =
    [
        new("startsWith", "startsWith(text, prefix)", 2, 2, ValueKind.Bool,
            args => args.String(0, "text").StartsWith(args.String(1, "prefix"), StringComparison.Ordinal)),
        new("endsWith", "endsWith(text, suffix)", 2, 2, ValueKind.Bool,
            args => args.String(0, "text").EndsWith(args.String(1, "suffix"), StringComparison.Ordinal)),
        new("lower", "lower(text)", 1, 1, ValueKind.String, args => args.String(0, "text").ToLowerInvariant()),
        new("upper", "upper(text)", 1, 1, ValueKind.String, args => args.String(0, "text").ToUpperInvariant()),
        new("trim", "trim(text)", 1, 1, ValueKind.String, args => args.String(0, "text").Trim()),
        new("split", "split(text, separator)", 2, 2, ValueKind.List, Split),
        new("join", "join(list, separator = ',')", 1, 2, ValueKind.String, Join),
        new("format", "format(format, args...)", 1, FunctionDefinition.Unbounded, ValueKind.String, Format),
    ];

    private static object? Split(FunctionArguments args)
    {
        var text = args.String(0, "text");
        var separator = args.String(1, "separator");
        if (separator.Length == 0)
        {
            throw args.Error(1, "separator must not be empty");
        }

        return text.Split(separator).Cast<object?>().ToList();
    }

    private static object? Join(FunctionArguments args)
    {
        var list = args.List(0, "list");
        var separator = args.Count > 1 ? args.String(1, "separator") : ",";
        return string.Join(separator, list.Select(element => args.Text(element, 0)));
    }

    /// <summary>Only positional placeholders: alignment and format specifiers would make runbooks culture- and version-sensitive.</summary>
    private static object? Format(FunctionArguments args)
    {
        var format = args.String(0, "format");
        var builder = new StringBuilder(format.Length);
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            var next = i + 1 < format.Length ? format[i + 1] : '\0';
            if (c == '{' && next == '{')
            {
                builder.Append('{');
                i++;
            }
            else if (c == '}' && next == '}')
            {
                builder.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = format.IndexOf('}', i + 1);
                if (close < 0)
                {
                    throw args.Error(0, $"unclosed '{{' at position {i} of the format string; write '{{{{' for a literal brace");
                }

                var inner = format[(i + 1)..close];
                if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw args.Error(0, $"invalid placeholder '{{{inner}}}' at position {i} of the format string; placeholders look like {{0}}, {{1}}");
                }

                var available = args.Count - 1;
                if (index >= available)
                {
                    throw args.Error(0, $"placeholder {{{index}}} has no matching argument; {available} argument{(available == 1 ? " was" : "s were")} given after the format string");
                }

                builder.Append(args.Text(args[index + 1], index + 1));
                i = close;
            }
            else if (c == '}')
            {
                throw args.Error(0, $"unmatched '}}' at position {i} of the format string; write '}}}}' for a literal brace");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
