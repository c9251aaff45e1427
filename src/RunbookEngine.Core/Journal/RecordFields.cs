using System.Text.Json;

namespace RunbookEngine.Journal;

/// <summary>
/// Reads the members of one record and remembers which it read, so a member this engine does not know is
/// reported as "written by a newer engine" instead of being dropped: dropping it could change what resume does.
/// </summary>
internal sealed class RecordFields(JsonElement record, string type)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal) { "seq", "at", "type" };

    public string String(string name) => Required(name, JsonValueKind.String).GetString()!;

    public string? NullableString(string name) => Optional(name, JsonValueKind.String)?.GetString();

    public int Int(string name) => ToInt(name, Required(name, JsonValueKind.Number));

    public int? NullableInt(string name) => Optional(name, JsonValueKind.Number) is { } value ? ToInt(name, value) : null;

    public long Long(string name) =>
        Required(name, JsonValueKind.Number).TryGetInt64(out var value) ? value : throw Invalid($"'{name}' is not a whole number");

    public bool Bool(string name)
    {
        var value = Member(name) ?? throw Invalid($"'{name}' is missing");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"'{name}' must be true or false"),
        };
    }

    /// <summary>Any JSON value, detached from the line's document so it outlives the read.</summary>
    public JsonElement Json(string name)
    {
        var value = Member(name) ?? throw Invalid($"'{name}' is missing");
        return value.Clone();
    }

    /// <summary>Call after reading every known member.</summary>
    public void EnsureNoUnknownMembers()
    {
        foreach (var property in record.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                throw new RecordFormatException(
                    JournalErrorCodes.WrittenByNewerEngine,
                    $"record {type} has a member '{property.Name}' this engine does not know: the journal was written by a newer engine");
            }
        }
    }

    private JsonElement Required(string name, JsonValueKind kind) =>
        Optional(name, kind) ?? throw Invalid($"'{name}' is missing or null");

    private JsonElement? Optional(string name, JsonValueKind kind)
    {
        if (Member(name) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind ? value : throw Invalid($"'{name}' must be a {kind.ToString().ToLowerInvariant()}, not {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    private JsonElement? Member(string name)
    {
        _read.Add(name);
        return record.TryGetProperty(name, out var value) ? value : null;
    }

    private int ToInt(string name, JsonElement value) =>
        value.TryGetInt32(out var number) ? number : throw Invalid($"'{name}' is not a 32-bit whole number");

    private RecordFormatException Invalid(string what) => new(JournalErrorCodes.InvalidRecord, $"record {type}: {what}");
}
