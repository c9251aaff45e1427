using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RunbookEngine.Expressions.Evaluation;

/// <summary>
/// Turns values into text for templates and string functions. Secrets are written in clear text but reported via
/// <c>containsSecret</c>; the caller decides whether to wrap the result in a <see cref="SecretValue"/> or refuse.
/// </summary>
internal static class ValueFormatter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Output goes to shells, SQL and logs rather than HTML, so escaping '<' or non-ASCII would only hurt readability.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string ToText(object? value, out bool containsSecret)
    {
        containsSecret = false;
        switch (Values.Normalize(value))
        {
            case null:
                return string.Empty;
            case bool b:
                return b ? "true" : "false";
            case long l:
                return l.ToString(CultureInfo.InvariantCulture);
            case double d:
                return FormatDouble(d);
            case string s:
                return s;
            case SecretValue secret:
                containsSecret = true;
                return secret.Reveal();
            default:
                return ToJson(value, out containsSecret);
        }
    }

    public static string ToJson(object? value, out bool containsSecret)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            containsSecret = false;
            Write(writer, value, ref containsSecret);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Write(Utf8JsonWriter writer, object? value, ref bool containsSecret)
    {
        switch (Values.Normalize(value))
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double d:
                // JSON has no NaN or infinity; a string keeps the output parseable.
                writer.WriteStringValue(FormatDouble(d));
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case SecretValue secret:
                containsSecret = true;
                writer.WriteStringValue(secret.Reveal());
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var element in list)
                {
                    Write(writer, element, ref containsSecret);
                }

                writer.WriteEndArray();
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, element) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, element, ref containsSecret);
                }

                writer.WriteEndObject();
                break;
            case var other:
                writer.WriteStringValue(other.ToString());
                break;
        }
    }
}
