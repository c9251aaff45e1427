using System.Text;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// Text from one output stream of a process, at most a cap of it kept; the rest is counted, not stored. Bytes are
/// decoded as UTF-8 across chunk boundaries. Thread-safe: a reader adds while a timeout path reads.
/// </summary>
internal sealed class CapturedText(int keep)
{
    private readonly StringBuilder _text = new();
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private char[] _chars = [];
    private long _dropped;

    public void Add(ReadOnlySpan<char> chunk)
    {
        lock (_text)
        {
            var take = Math.Clamp(keep - _text.Length, 0, chunk.Length);
            _text.Append(chunk[..take]);
            _dropped += chunk.Length - take;
        }
    }

    /// <summary>Decodes and adds raw output; <paramref name="final"/> flushes a multi-byte sequence left incomplete.</summary>
    public void AddBytes(ReadOnlySpan<byte> bytes, bool final = false)
    {
        lock (_text)
        {
            var needed = _decoder.GetCharCount(bytes, flush: final);
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, 8192)];
            }

            var count = _decoder.GetChars(bytes, _chars, flush: final);
            Add(_chars.AsSpan(0, count));
        }
    }

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
}
