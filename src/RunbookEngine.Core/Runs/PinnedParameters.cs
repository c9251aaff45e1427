using System.Collections;
using System.Text.Json;
using RunbookEngine.Expressions;

namespace RunbookEngine.Runs;

/// <summary>
/// <c>params.json</c>: the bound parameters of a run, in declaration order. A <see cref="SecretValue"/> is written
/// as <c>{"secret": "&lt;path&gt;"}</c> and its path listed under <c>secrets</c>, so the file never holds a secret
/// and a map that happens to have a "secret" key is not mistaken for one.
/// </summary>
internal sealed record PinnedParameters(IReadOnlyList<KeyValuePair<string, object?>> Values, IReadOnlyList<string> Secrets)
{
    public const int CurrentFormat = 1;

    /// <summary>Accepts what the binder produces: string, whole and real numbers, bool, null, lists, string-keyed maps, secrets.</summary>
    public static byte[] ToJson(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var secrets = new List<string>();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", CurrentFormat);
            writer.WriteStartObject("parameters");
            foreach (var (name, value) in parameters)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value, name, secrets);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("secrets");
            secrets.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads the values back: strings, longs, doubles, bools, nulls, lists, maps and <see cref="SecretReference"/>s.</summary>
    public static PinnedParameters Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || !format.TryGetInt32(out var version)
                || !root.TryGetProperty("parameters", out var values) || values.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("secrets", out var secretList) || secretList.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "expected an object with 'format', 'parameters' and 'secrets'");
            }

            if (version > CurrentFormat)
            {
                throw new RunStoreException(RunErrorCodes.RunFromNewerEngine, $"{path}: format {version} is newer than this engine's {CurrentFormat}");
            }

            var secrets = secretList.EnumerateArray().Select(s => s.GetString() ?? throw Invalid(path, "a secret path is null")).ToList();
            var secretSet = secrets.ToHashSet(StringComparer.Ordinal);
            var read = values.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ReadValue(p.Value, p.Name, secretSet))).ToList();
            return new PinnedParameters(read, secrets);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, string path, List<string> secrets)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case SecretValue:
                // Never Reveal() here: the reference is all a run folder may hold.
                writer.WriteStartObject();
                writer.WriteString("secret", path);
                writer.WriteEndObject();
                secrets.Add(path);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double real:
                writer.WriteNumberValue(real);
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item, $"{path}.{key}", secrets);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in list)
                {
                    WriteValue(writer, item, $"{path}[{index++}]", secrets);
                }

                writer.WriteEndArray();
                break;
            default:
                // Name the type, never the value: an unexpected type could be a secret in disguise.
                throw new ArgumentException($"parameter '{path}' has a value of type {value.GetType().Name}, which a run cannot store", nameof(value));
        }
    }

    private static object? ReadValue(JsonElement value, string path, HashSet<string> secrets)
    {
        if (secrets.Contains(path))
        {
            return new SecretReference(path);
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt64(out var whole) ? (object)whole : value.GetDouble(),
            JsonValueKind.Array => value.EnumerateArray().Select((item, i) => ReadValue(item, $"{path}[{i}]", secrets)).ToList(),
            JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ReadValue(p.Value, $"{path}.{p.Name}", secrets), StringComparer.Ordinal),
            _ => throw new InvalidOperationException($"'{path}' has an unsupported JSON value"),
        };
    }

    private static RunStoreException Invalid(string path, string problem) =>
        new(RunErrorCodes.RunFolderInvalid, $"{path}: cannot read the run's parameters: {problem}");
}
