using System.Globalization;
using System.Text.Json;
using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Expressions.Functions;

internal static class ConversionFunctions
{
    private const int MaxQuotedLength = 40;

    public static IReadOnlyList<FunctionDefinition> Definitions { get; } =
    [
        new("coalesce", "coalesce(a, b, ...)", 2, FunctionDefinition.Unbounded, ValueKind.Any,
            args => args.All.FirstOrDefault(value => value is not null), acceptsSecrets: true),
        new("int", "int(value)", 1, 1, ValueKind.Int, ToInt),
        new("string", "string(value)", 1, 1, ValueKind.String, args => args.Text(args[0], 0)),
        new("toJson", "toJson(value)", 1, 1, ValueKind.String, ToJson),
        new("fromJson", "fromJson(text)", 1, 1, ValueKind.Any, FromJson),
    ];

    private static object? ToInt(FunctionArguments args)
    {
        switch (args[0])
        {
            case long integer:
                return integer;
            case double number:
                return Values.TryGetInteger(number, out var converted)
                    ? converted
                    : throw args.Error(0, $"{ValueFormatter.FormatDouble(number)} is not an integer");
            case string text:
                var trimmed = text.Trim();
                if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                // "3.0" is accepted because numbers that went through JSON or YAML often gain a fraction.
                if (double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var asDouble)
                    && Values.TryGetInteger(asDouble, out parsed))
                {
                    return parsed;
                }

                throw args.Error(0, $"'{Shorten(text)}' is not an integer");
            default:
                throw args.WrongKind(0, "value", "a string or number");
        }
    }

    private static object? ToJson(FunctionArguments args)
    {
        var json = ValueFormatter.ToJson(args[0], out var containsSecret);
        return containsSecret ? throw args.SecretError(0) : json;
    }

    private static object? FromJson(FunctionArguments args)
    {
        var text = args.String(0, "text");
        try
        {
            return JsonValues.Parse(text);
        }
        catch (JsonException ex)
        {
            throw args.Error(0, $"argument is not valid JSON: {ex.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "...";
}
