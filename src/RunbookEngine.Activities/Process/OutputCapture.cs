using System.Text;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// Reads one output stream of a process to its end, keeping at most a cap of text. It keeps draining past the cap,
/// because a child whose pipe is full blocks forever.
/// </summary>
internal sealed class OutputCapture
{
    private readonly StringBuilder _text = new();
    private readonly int _keep;
    private long _dropped;

    private OutputCapture(StreamReader reader, int keep)
    {
        _keep = keep;
        Completion = Task.Run(() => PumpAsync(reader));
    }

    public Task Completion { get; }

    public static OutputCapture Start(StreamReader reader, int keep) => new(reader, keep);

    /// <summary>
    /// The text so far, redacted and then cut to <paramref name="cap"/>. Redacting before cutting matters: a secret
    /// cut in half would no longer match and its first half would leak; <c>keep</c> leaves room for that.
    /// </summary>
    public string Text(SecretRedactor redactor, int cap)
    {
        string text;
        long dropped;
        lock (_text)
        {
            text = _text.ToString();
            dropped = _dropped;
        }

        text = redactor.Redact(text);
        if (text.Length > cap)
        {
            dropped += text.Length - cap;
            text = text[..cap];
        }

        return dropped > 0 ? $"{text}\n… [{dropped} more characters not captured]" : text;
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_text)
                {
                    var take = Math.Clamp(_keep - _text.Length, 0, read);
                    _text.Append(buffer, 0, take);
                    _dropped += read - take;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process was killed or disposed while we read; what was captured stands.
        }
    }
}
