using System.Text.Json.Nodes;

namespace RunbookEngine.Syntax;

/// <summary>The JSON view of a YAML tree (core schema typing), as a JSON Schema validator sees it.</summary>
internal static class YamlJson
{
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMapping m => new JsonObject(m.Entries.Select(e => new KeyValuePair<string, JsonNode?>(e.Key.Value, ToJson(e.Value)))),
        YamlSequence s => new JsonArray(s.Items.Select(ToJson).ToArray()),
        YamlScalar scalar => scalar.CoreValue switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            long l => JsonValue.Create(l),
            double d when double.IsFinite(d) => JsonValue.Create(d),
            var other => JsonValue.Create(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)),
        },
        _ => null,
    };
}
