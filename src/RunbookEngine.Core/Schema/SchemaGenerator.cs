using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookEngine.Activities;
using RunbookEngine.Format;

namespace RunbookEngine.Schema;

/// <summary>
/// Emits schemas/runbook.schema.json (JSON Schema 2020-12) from the format's shapes and every registered
/// activity's input type. Each step's <c>with:</c> is tied to its <c>uses:</c> with if/then, which YAML
/// editors use to complete the inputs of the chosen activity.
/// </summary>
internal static class SchemaGenerator
{
    public const string ExpressionDefinition = "expression";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string GenerateText(IActivityCatalog activities) =>
        Generate(activities).ToJsonString(Json).ReplaceLineEndings("\n") + "\n";

    public static JsonObject Generate(IActivityCatalog activities)
    {
        var shapes = RunbookFormat.Shapes;
        var defs = new JsonObject
        {
            [ExpressionDefinition] = new JsonObject
            {
                ["type"] = "string",
                ["pattern"] = @"\$\{\{",
                ["description"] = "An expression ${{ ... }} evaluated when the step runs.",
            },
        };
        foreach (var (name, shape) in shapes.Definitions.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            defs[name] = Emit(shape, allowExpressions: false);
        }

        var step = (JsonObject)defs[RunbookFormat.StepDefinition]!;
        var uses = (JsonObject)step["properties"]!["uses"]!;
        uses["anyOf"] = new JsonArray(
            new JsonObject { ["enum"] = new JsonArray(activities.All.Select(a => (JsonNode)JsonValue.Create(a.Name)).ToArray()) },
            new JsonObject { ["pattern"] = "^runbook:[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+(@.+)?$" });
        var rules = new JsonArray();
        foreach (var activity in activities.All)
        {
            var defName = "activity." + activity.Name;
            defs[defName] = Emit(activity.InputShape, allowExpressions: true);
            rules.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["uses"] = new JsonObject { ["const"] = activity.Name } },
                    ["required"] = new JsonArray("uses"),
                },
                ["then"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["with"] = new JsonObject { ["$ref"] = "#/$defs/" + defName } },
                },
            });
        }

        step["allOf"] = rules;

        var root = (JsonObject)Emit(shapes.Root, allowExpressions: false);
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "urn:runbook-engine:schema:runbook:v1",
            ["title"] = "RunbookEngine runbook (runbook/v1)",
        };
        foreach (var (key, value) in root)
        {
            document[key] = value?.DeepClone();
        }

        document["$defs"] = defs;
        return document;
    }

    private static JsonNode Emit(Shape shape, bool allowExpressions)
    {
        var node = shape switch
        {
            ObjectShape obj => EmitObject(obj, allowExpressions),
            MapShape map => EmitMap(map, allowExpressions),
            ListShape list => EmitList(list, allowExpressions),
            ScalarShape scalar => EmitScalar(scalar),
            UnionShape union => new JsonObject { ["anyOf"] = new JsonArray(union.Options.Select(o => Emit(o, allowExpressions)).ToArray()) },
            RefShape r => new JsonObject { ["$ref"] = "#/$defs/" + r.Name },
            _ => new JsonObject(),
        };
        if (shape.Description is { } description && node is JsonObject o && !o.ContainsKey("$ref"))
        {
            o["description"] = description;
        }

        // An expression can stand for any value of an input; a plain string input accepts one already.
        if (allowExpressions && shape is not AnyShape && !(shape is ScalarShape { Kind: ScalarKind.String, Pattern: null, Values: null }))
        {
            return new JsonObject { ["anyOf"] = new JsonArray(node, new JsonObject { ["$ref"] = "#/$defs/" + ExpressionDefinition }) };
        }

        return node;
    }

    private static JsonObject EmitObject(ObjectShape shape, bool allowExpressions)
    {
        var properties = new JsonObject();
        foreach (var field in shape.Fields)
        {
            var value = Emit(field.Shape, allowExpressions);
            if (value is JsonObject o && !o.ContainsKey("description") && field.Description.Length > 0)
            {
                o["description"] = field.Description;
            }

            properties[field.Name] = value;
        }

        var result = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = shape.Fields.Where(f => f.Required).Select(f => (JsonNode)JsonValue.Create(f.Name)).ToArray();
        if (required.Length > 0)
        {
            result["required"] = new JsonArray(required);
        }

        return result;
    }

    private static JsonObject EmitMap(MapShape shape, bool allowExpressions)
    {
        var result = new JsonObject { ["type"] = "object" };
        if (shape.KeyPattern is { } pattern)
        {
            result["propertyNames"] = new JsonObject { ["pattern"] = pattern };
        }

        result["additionalProperties"] = Emit(shape.Values, allowExpressions);
        return result;
    }

    private static JsonObject EmitList(ListShape shape, bool allowExpressions)
    {
        var result = new JsonObject { ["type"] = "array", ["items"] = Emit(shape.Items, allowExpressions) };
        if (shape.MinItems > 0)
        {
            result["minItems"] = shape.MinItems;
        }

        return result;
    }

    private static JsonObject EmitScalar(ScalarShape shape)
    {
        var result = new JsonObject
        {
            ["type"] = shape.Kind switch
            {
                ScalarKind.Int => "integer",
                ScalarKind.Number => "number",
                ScalarKind.Bool => "boolean",
                ScalarKind.Any => new JsonArray("string", "number", "boolean", "null"),
                _ => "string",
            },
        };
        if (shape.Values is { Count: > 0 } values)
        {
            result["enum"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        if (shape.Pattern is { } pattern)
        {
            result["pattern"] = pattern;
        }

        return result;
    }
}
