using System.Text;
using System.Text.Json;
using RunbookEngine.Activities.Context;
using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Activities.Http;

/// <summary>
/// Reads a response body up to a limit and turns it into outputs: text (redacted, then capped) and, for a JSON
/// content type, the parsed value with every string in it redacted. Outputs feed expressions and the journal, so
/// a status endpoint fits and a bulk download does not.
/// </summary>
internal static class HttpResponseReader
{
    /// <summary>Characters of body text kept in the output.</summary>
    public const int MaxText = 64 * 1024;

    /// <summary>Bytes read at most; a JSON body longer than this is not parsed.</summary>
    public const int MaxRead = 1024 * 1024;

    public static async Task<(string Text, object? Json)> ReadAsync(HttpResponseMessage response, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxRead + 1];
        var read = 0;
        int got;
        while (read < buffer.Length && (got = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += got;
        }

        var complete = read <= MaxRead;
        var text = Decode(response, buffer.AsSpan(0, Math.Min(read, MaxRead)));
        object? json = null;
        if (complete && IsJson(response))
        {
            try
            {
                json = RedactedValues.Of(JsonValues.Parse(text), redactor);
            }
            catch (JsonException)
            {
                // The server said JSON and sent something else; the text output still shows what it was.
            }
        }

        text = redactor.Redact(text);
        var note = complete ? string.Empty : $"\n… [body longer than {MaxRead} bytes; the rest was not read]";
        if (text.Length > MaxText)
        {
            note = $"\n… [{text.Length - MaxText} more characters not captured]" + note;
            text = text[..MaxText];
        }

        return (text + note, json);
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string Decode(HttpResponseMessage response, ReadOnlySpan<byte> bytes)
    {
        var encoding = Encoding.UTF8;
        if (response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset; UTF-8 is the best guess for a modern API.
            }
        }

        return encoding.GetString(bytes);
    }
}
