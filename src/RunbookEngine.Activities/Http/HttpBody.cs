using System.Net.Http.Headers;
using System.Text;
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
                // The same JSON as ${{ }} templates write for a mapping or a list (numbers that JSON cannot hold, NaN and
                // the infinities, as strings).
                try
                {
                    return Content(Encoding.UTF8.GetBytes(ValueFormatter.ToJson(body, out _)), "application/json");
                }
                catch (InvalidOperationException)
                {
                    // Utf8JsonWriter's depth limit (1000): a value built by expressions, not something an endpoint wants.
                    throw new ActivityInputException("body", Expected, "input 'body' is nested too deeply to send as JSON");
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
}
