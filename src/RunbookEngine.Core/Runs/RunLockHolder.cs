using System.Globalization;
using System.Text.Json;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>Who holds a run's lock, as the holder wrote it into the lock file: enough to find the process.</summary>
internal sealed record RunLockHolder(int ProcessId, string Host, DateTimeOffset Since)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>
    /// The programs the holder's steps are running right now (not daemons). Written without fsync: it matters only
    /// when the holder dies and the machine does not, and then the kernel still has the page.
    /// </summary>
    public IReadOnlyList<ProgramIdentity> Programs { get; init; } = [];

    /// <summary>The holder's own start time (see <see cref="ProgramIdentity"/>), so that a reused pid is not taken for it.</summary>
    public long? StartTicks { get; init; }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pid", ProcessId);
            writer.WriteString("host", Host);
            writer.WriteString("since", Since.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            if (StartTicks is { } start)
            {
                writer.WriteNumber("start", start);
            }

            if (Programs.Count > 0)
            {
                writer.WriteStartArray("programs");
                foreach (var program in Programs)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("pid", program.ProcessId);
                    writer.WriteNumber("start", program.StartTicks);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

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
            var programs = new List<ProgramIdentity>();
            if (root.TryGetProperty("programs", out var list))
            {
                foreach (var program in list.EnumerateArray())
                {
                    programs.Add(new ProgramIdentity(program.GetProperty("pid").GetInt32(), program.GetProperty("start").GetInt64()));
                }
            }

            return new RunLockHolder(
                root.GetProperty("pid").GetInt32(),
                root.GetProperty("host").GetString() ?? "?",
                DateTimeOffset.ParseExact(root.GetProperty("since").GetString() ?? "", TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal))
            {
                Programs = programs,
                StartTicks = root.TryGetProperty("start", out var start) ? start.GetInt64() : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>By value, the programs included (a record would compare the list by reference).</summary>
    public bool Equals(RunLockHolder? other) =>
        other is not null && ProcessId == other.ProcessId && Host == other.Host && Since == other.Since && StartTicks == other.StartTicks
        && Programs.SequenceEqual(other.Programs);

    public override int GetHashCode() => HashCode.Combine(ProcessId, Host, Since, StartTicks, Programs.Count);

    public override string ToString() => $"process {ProcessId} on host {Host} (since {Since.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)})";

    public static string Describe(RunLockHolder? holder) => holder?.ToString() ?? "another process (it did not record which)";
}
