using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RunbookEngine.Journal;

/// <summary>
/// One record as one line: <c>{"seq":…,"at":…,"type":…,&lt;fields&gt;,"crc":"xxxxxxxx"}\n</c>, where the crc is
/// CRC-32 of the same object without its crc member. docs/journal-format.md is the specification.
/// </summary>
internal static class JournalLine
{
    /// <summary><c>,"crc":"</c> + 8 hex digits + <c>"}</c>: fixed width, so the checked bytes are easy to find by hand.</summary>
    public const int CrcSuffixLength = 18;

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // Relaxed escaping keeps messages readable by hand (no \u0027 for an apostrophe); the file is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonDocumentOptions ReaderOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    private static ReadOnlySpan<byte> CrcPrefix => ",\"crc\":\""u8;

    private static ReadOnlySpan<byte> CrcEnd => "\"}"u8;

    /// <summary>What every record starts with; a torn line can hold it only at its very start.</summary>
    public static ReadOnlySpan<byte> RecordStart => "{\"seq\":"u8;

    /// <summary>The complete line, newline included.</summary>
    public static byte[] Encode(JournalEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", entry.Seq);
            writer.WriteString("at", FormatTime(entry.At));
            writer.WriteString("type", entry.Record.Type);
            entry.Record.WriteFields(writer);
            writer.WriteEndObject();
        }

        var json = buffer.WrittenSpan;
        var crc = Crc32.Compute(json);
        var line = new byte[json.Length - 1 + CrcSuffixLength + 1];
        json[..^1].CopyTo(line);
        var suffix = line.AsSpan(json.Length - 1);
        CrcPrefix.CopyTo(suffix);
        crc.TryFormat(suffix[CrcPrefix.Length..], out _, "x8", CultureInfo.InvariantCulture);
        CrcEnd.CopyTo(suffix[(CrcPrefix.Length + 8)..]);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Checks the checksum of one line (without its newline): null when intact, otherwise what is wrong.</summary>
    public static string? CheckIntegrity(ReadOnlySpan<byte> line)
    {
        if (line.Length <= CrcSuffixLength || line[0] != (byte)'{')
        {
            return "not a complete record";
        }

        var suffix = line[^CrcSuffixLength..];
        if (!suffix.StartsWith(CrcPrefix) || !suffix.EndsWith(CrcEnd) || !TryParseHex(suffix.Slice(CrcPrefix.Length, 8), out var stored))
        {
            return "no \"crc\" member at the end of the line";
        }

        var computed = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, line[..^CrcSuffixLength]), "}"u8));
        return computed == stored ? null : $"checksum mismatch (stored {stored:x8}, computed {computed:x8})";
    }

    /// <summary>Reads an intact line. Throws <see cref="RecordFormatException"/> when its content is not acceptable.</summary>
    public static JournalEntry Decode(ReadOnlySpan<byte> line)
    {
        var json = new byte[line.Length - CrcSuffixLength + 1];
        line[..^CrcSuffixLength].CopyTo(json);
        json[^1] = (byte)'}';

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReaderOptions);
        }
        catch (JsonException e)
        {
            throw new RecordFormatException(JournalErrorCodes.InvalidRecord, $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var seq = root.TryGetProperty("seq", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) && n >= 1
                ? n
                : throw new RecordFormatException(JournalErrorCodes.InvalidRecord, "'seq' is missing or not a positive whole number");
            var at = root.TryGetProperty("at", out var a) && a.ValueKind == JsonValueKind.String && TryParseTime(a.GetString()!, out var time)
                ? time
                : throw new RecordFormatException(JournalErrorCodes.InvalidRecord, $"'at' is missing or not a UTC time like {FormatTime(DateTimeOffset.UnixEpoch)}");
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new RecordFormatException(JournalErrorCodes.InvalidRecord, "'type' is missing or not a string");
            return new JournalEntry(seq, at, JournalRecordTypes.Read(type, new RecordFields(root, type)));
        }
    }

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    // Lower-case only, as written: anything else is damage, not an alternative spelling.
    private static bool TryParseHex(ReadOnlySpan<byte> digits, out uint value)
    {
        value = 0;
        foreach (var d in digits)
        {
            var nibble = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' => d - 'a' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)nibble;
        }

        return true;
    }
}
