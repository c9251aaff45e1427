using System.Globalization;
using System.Text.Json;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>Who holds a run's lock, as the holder wrote it into the lock file: enough to find the process.</summary>
internal sealed record RunLockHolder(int ProcessId, string Host, DateTimeOffset Since)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pid", ProcessId);
            writer.WriteString("host", Host);
            writer.WriteString("since", Since.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the holder of a lock someone else holds. Null when the file is empty or unreadable, e.g. when
    /// something other than the engine (flock(1), an older engine) holds it.
    /// </summary>
    public static RunLockHolder? TryRead(string lockFile)
    {
        // Not File.ReadAllBytes: .NET takes a shared flock to read, which the holder's exclusive lock refuses.
        var bytes = LibC.ReadWithoutLocking(lockFile, 4096);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return new RunLockHolder(
                root.GetProperty("pid").GetInt32(),
                root.GetProperty("host").GetString() ?? "?",
                DateTimeOffset.ParseExact(root.GetProperty("since").GetString() ?? "", TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public override string ToString() => $"process {ProcessId} on host {Host} (since {Since.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)})";

    public static string Describe(RunLockHolder? holder) => holder?.ToString() ?? "another process (it did not record which)";
}
