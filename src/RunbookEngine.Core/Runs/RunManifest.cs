using System.Globalization;
using System.Text.Json;

namespace RunbookEngine.Runs;

/// <summary>
/// <c>run.json</c>: which runbook a run pins and when it was created. Written once, when the run is created.
/// <see cref="Format"/> is the layout version of the whole run folder.
/// </summary>
internal sealed record RunManifest(int Format, string Id, string Runbook, string Version, string ContentHash, DateTimeOffset CreatedAt)
{
    /// <summary>The run folder layout this engine writes and reads. Bump it only with a migration story.</summary>
    public const int CurrentFormat = 1;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public string Identity => $"{Runbook}@{Version}";

    /// <summary>
    /// The directory the run was started from: relative paths in its parameters meant that directory, so a resume
    /// from elsewhere resolves them the same way. Absent in runs made before it was recorded.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Format);
            writer.WriteString("id", Id);
            writer.WriteString("runbook", Runbook);
            writer.WriteString("version", Version);
            writer.WriteString("contentHash", ContentHash);
            writer.WriteString("createdAt", CreatedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            if (WorkingDirectory is not null)
            {
                writer.WriteString("workingDirectory", WorkingDirectory);
            }

            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static RunManifest Read(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            root = document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw Invalid(path, e.Message);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "not a JSON object");
        }

        var format = root.TryGetProperty("format", out var f) && f.TryGetInt32(out var n) ? n : throw Invalid(path, "'format' is missing");
        if (format > CurrentFormat)
        {
            throw new RunStoreException(
                RunErrorCodes.RunFromNewerEngine,
                $"{path}: the run folder has format {format}, this engine knows up to {CurrentFormat}; use the engine version that created the run");
        }

        return new RunManifest(
            format,
            Text(root, "id", path),
            Text(root, "runbook", path),
            Text(root, "version", path),
            Text(root, "contentHash", path),
            DateTimeOffset.TryParseExact(Text(root, "createdAt", path), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at
                : throw Invalid(path, "'createdAt' is not a UTC time"))
        {
            WorkingDirectory = root.TryGetProperty("workingDirectory", out var directory) && directory.ValueKind == JsonValueKind.String ? directory.GetString() : null,
        };
    }

    private static string Text(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(path, $"'{name}' is missing or not a string");

    private static RunStoreException Invalid(string path, string problem) =>
        new(RunErrorCodes.RunFolderInvalid, $"{path}: cannot read the run manifest: {problem}");
}
