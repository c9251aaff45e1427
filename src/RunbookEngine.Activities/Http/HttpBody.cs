using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Activities.Http;

/// <summary>
/// The request body: a string is sent as it is, a mapping or a list as JSON. Secrets inside are written in clear
/// text (the target system needs them); only the request carries them, never a plan or a log.
/// </summary>
internal static class HttpBody
{
    public const string Expected = "a string, a mapping or a list (sent as JSON)";

    /// <summary>The content to send, or null for no body; refuses other values as an input error.</summary>
    public static ByteArrayContent? Create(object? body)
    {
        switch (Values.Normalize(body))
        {
            case null:
                return null;
            case string text:
                return Content(Encoding.UTF8.GetBytes(text), "text/plain");
            case SecretValue secret:
                return Content(Encoding.UTF8.GetBytes(secret.Reveal()), "text/plain");
            case IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>:
                using (var buffer = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        Write(writer, body, 0);
                    }

                    return Content(buffer.ToArray(), "application/json");
                }

            default:
                throw new ActivityInputException("body", Expected, $"input 'body' must be {Expected}, found {Values.Describe(body)}");
        }
    }

    /// <summary>How the plan describes a body without showing it: its kind and size.</summary>
    public static string Describe(ByteArrayContent? content) =>
        content is null ? "no body" : $"{content.Headers.ContentLength} bytes of {content.Headers.ContentType?.MediaType}";

    private static ByteArrayContent Content(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return content;
    }

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > 64)
        {
            throw new ActivityInputException("body", Expected, "input 'body' is nested more than 64 levels deep");
        }

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
            case double d:
                writer.WriteNumberValue(d);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case SecretValue secret:
                writer.WriteStringValue(secret.Reveal());
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ActivityInputException("body", Expected, $"input 'body' holds {Values.Describe(value)}, which JSON cannot carry");
        }
    }
}
