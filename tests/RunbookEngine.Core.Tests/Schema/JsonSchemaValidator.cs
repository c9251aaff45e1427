using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunbookEngine.Core.Tests.Schema;

/// <summary>One validation failure.</summary>
/// <param name="InstancePath">JSON pointer into the instance, e.g. <c>/steps/2/with/port</c>; the root is <c>""</c>.</param>
/// <param name="SchemaPath">
/// Location of the failing keyword in the schema document as a URI fragment, e.g.
/// <c>#/$defs/netWait/properties/port/maximum</c>. This is the keyword's physical location, so an
/// error found through a <c>$ref</c> points into the referenced definition.
/// </param>
/// <param name="Keyword">The failing keyword (<c>type</c>, <c>required</c>, <c>anyOf</c>, ...; <c>false</c> for a false boolean schema).</param>
/// <param name="Message">Human-readable description.</param>
internal sealed record SchemaError(string InstancePath, string SchemaPath, string Keyword, string Message)
{
    public override string ToString() =>
        $"{(InstancePath.Length == 0 ? "(root)" : InstancePath)}: {Message} [{Keyword} at {SchemaPath}]";
}

/// <summary>
/// A small, strict validator for a subset of JSON Schema draft 2020-12.
/// </summary>
/// <remarks>
/// The whole schema document is compiled in the constructor. Any keyword outside the supported set,
/// anywhere in the document (including unreferenced <c>$defs</c>), throws <see cref="NotSupportedException"/>
/// naming the keyword and its schema path, so a schema can never rely on something this validator would
/// silently ignore. Malformed keyword values, invalid regular expressions and unresolvable <c>$ref</c>s throw
/// <see cref="ArgumentException"/>. Instances are validated by <see cref="Validate"/>, which reports all errors.
/// </remarks>
internal sealed class JsonSchemaValidator
{
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Default time limit for a single regular-expression match.</summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromSeconds(2);

    private static readonly HashSet<string> AnnotationKeywords = new(StringComparer.Ordinal)
    {
        "title", "description", "markdownDescription", "default", "examples", "deprecated", "format", "readOnly", "$comment",
    };

    private readonly JsonNode _document;
    private readonly TimeSpan _regexTimeout;
    private readonly Dictionary<JsonNode, Schema> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly Schema _root;

    /// <param name="schema">The schema document (object or boolean). It is deep-copied; later changes to it have no effect.</param>
    /// <param name="regexTimeout">Time limit for each <c>pattern</c>/<c>patternProperties</c> match; default <see cref="DefaultRegexTimeout"/>.</param>
    /// <exception cref="NotSupportedException">The schema uses a keyword or feature outside the supported subset.</exception>
    /// <exception cref="ArgumentException">The schema is malformed.</exception>
    public JsonSchemaValidator(JsonNode schema, TimeSpan? regexTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _regexTimeout = regexTimeout ?? DefaultRegexTimeout;
        _document = schema.DeepClone();
        _root = Compile(_document, "#");
    }

    /// <summary>Parses <paramref name="schemaJson"/> and compiles it.</summary>
    public static JsonSchemaValidator Parse(string schemaJson, TimeSpan? regexTimeout = null) =>
        new(JsonNode.Parse(schemaJson) ?? throw new ArgumentException("A schema cannot be JSON null.", nameof(schemaJson)), regexTimeout);

    /// <summary>Validates <paramref name="instance"/> (C# <c>null</c> is JSON null) and returns every error found; empty when valid.</summary>
    /// <exception cref="InvalidOperationException">The schema recurses through <c>$ref</c> forever at one instance location.</exception>
    public IReadOnlyList<SchemaError> Validate(JsonNode? instance)
    {
        var errors = new List<SchemaError>();
        Evaluate(_root, instance, "", errors, new EvaluationContext());
        return errors;
    }

    /// <summary>True when <see cref="Validate"/> would report no error (stops at the first error).</summary>
    public bool IsValid(JsonNode? instance) => Evaluate(_root, instance, "", null, new EvaluationContext());

    // ------------------------------------------------------------------ compilation

    private Schema Compile(JsonNode? node, string path)
    {
        if (node is not null && _compiled.TryGetValue(node, out var existing))
        {
            return existing;
        }

        var kind = KindOf(node);
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            var boolean = new Schema(path) { Boolean = kind == JsonValueKind.True };
            _compiled[node!] = boolean;
            return boolean;
        }

        if (node is not JsonObject obj)
        {
            throw Malformed(path, $"a schema must be an object or a boolean, but found {Describe(kind)}");
        }

        var schema = new Schema(path);
        _compiled[obj] = schema; // registered before compiling children so recursive $refs terminate

        foreach (var (keyword, value) in obj)
        {
            var at = path + "/" + EscapePointerToken(keyword);
            if (AnnotationKeywords.Contains(keyword))
            {
                if (keyword is "format" or "$comment")
                {
                    RequireString(value, at);
                }

                continue;
            }

            switch (keyword)
            {
                case "$schema":
                    var dialect = RequireString(value, at);
                    if (dialect.TrimEnd('#') != Draft202012)
                    {
                        throw new NotSupportedException($"JSON Schema dialect '{dialect}' at '{at}' is not supported; only '{Draft202012}' is.");
                    }

                    break;
                case "$id":
                    RequireString(value, at);
                    if (path != "#")
                    {
                        throw new NotSupportedException($"Keyword '$id' at '{at}' is not supported below the document root (embedded schema resources change $ref resolution).");
                    }

                    break;
                case "$defs":
                    CompileSchemaMap(value, at);
                    break;
                case "$ref":
                    schema.RefText = RequireString(value, at);
                    var (target, targetPath) = ResolveRef(schema.RefText, at);
                    schema.Ref = Compile(target, targetPath);
                    break;
                case "type":
                    schema.Types = ParseTypes(value, at);
                    break;
                case "enum":
                    if (value is not JsonArray values)
                    {
                        throw Malformed(at, "must be an array");
                    }

                    schema.Enum = [.. values];
                    break;
                case "const":
                    schema.HasConst = true;
                    schema.Const = value;
                    break;
                case "properties":
                    schema.Properties = CompileSchemaMap(value, at);
                    break;
                case "required":
                    schema.Required = ParseStringSet(value, at);
                    break;
                case "additionalProperties":
                    schema.AdditionalProperties = Compile(value, at);
                    break;
                case "patternProperties":
                    schema.PatternProperties = [.. CompileSchemaMap(value, at).Select(p => (p.Key, CreateRegex(p.Key, at), p.Value))];
                    break;
                case "propertyNames":
                    schema.PropertyNames = Compile(value, at);
                    break;
                case "minProperties":
                    schema.MinProperties = RequireCount(value, at);
                    break;
                case "maxProperties":
                    schema.MaxProperties = RequireCount(value, at);
                    break;
                case "items":
                    if (value is JsonArray)
                    {
                        throw Malformed(at, "must be a schema; the array form of 'items' is pre-2020-12, use 'prefixItems'");
                    }

                    schema.Items = Compile(value, at);
                    break;
                case "prefixItems":
                    schema.PrefixItems = CompileSchemaArray(value, at);
                    break;
                case "minItems":
                    schema.MinItems = RequireCount(value, at);
                    break;
                case "maxItems":
                    schema.MaxItems = RequireCount(value, at);
                    break;
                case "uniqueItems":
                    schema.UniqueItems = KindOf(value) switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw Malformed(at, "must be a boolean"),
                    };
                    break;
                case "pattern":
                    schema.Pattern = CreateRegex(RequireString(value, at), at);
                    break;
                case "minLength":
                    schema.MinLength = RequireCount(value, at);
                    break;
                case "maxLength":
                    schema.MaxLength = RequireCount(value, at);
                    break;
                case "minimum":
                    schema.Minimum = RequireNumber(value, at);
                    break;
                case "maximum":
                    schema.Maximum = RequireNumber(value, at);
                    break;
                case "exclusiveMinimum":
                    schema.ExclusiveMinimum = RequireNumber(value, at);
                    break;
                case "exclusiveMaximum":
                    schema.ExclusiveMaximum = RequireNumber(value, at);
                    break;
                case "multipleOf":
                    var divisor = RequireNumber(value, at);
                    if (divisor.Double <= 0)
                    {
                        throw Malformed(at, "must be greater than 0");
                    }

                    schema.MultipleOf = divisor;
                    break;
                case "allOf":
                    schema.AllOf = CompileSchemaArray(value, at);
                    break;
                case "anyOf":
                    schema.AnyOf = CompileSchemaArray(value, at);
                    break;
                case "oneOf":
                    schema.OneOf = CompileSchemaArray(value, at);
                    break;
                case "not":
                    schema.Not = Compile(value, at);
                    break;
                case "if":
                    schema.If = Compile(value, at);
                    break;
                case "then":
                    schema.Then = Compile(value, at);
                    break;
                case "else":
                    schema.Else = Compile(value, at);
                    break;
                default:
                    throw new NotSupportedException($"JSON Schema keyword '{keyword}' at '{at}' is not supported by {nameof(JsonSchemaValidator)}.");
            }
        }

        if (schema.If is null && (schema.Then is not null || schema.Else is not null))
        {
            // Legal JSON Schema, but it has no effect; refuse so a generator bug cannot go unnoticed.
            throw Malformed(path, "'then'/'else' without 'if' would be silently ignored");
        }

        return schema;
    }

    private Dictionary<string, Schema> CompileSchemaMap(JsonNode? value, string at)
    {
        if (value is not JsonObject map)
        {
            throw Malformed(at, "must be an object whose values are schemas");
        }

        var result = new Dictionary<string, Schema>(StringComparer.Ordinal);
        foreach (var (name, child) in map)
        {
            result[name] = Compile(child, at + "/" + EscapePointerToken(name));
        }

        return result;
    }

    private List<Schema> CompileSchemaArray(JsonNode? value, string at)
    {
        if (value is not JsonArray array || array.Count == 0)
        {
            throw Malformed(at, "must be a non-empty array of schemas");
        }

        return [.. array.Select((child, i) => Compile(child, at + "/" + i.ToString(CultureInfo.InvariantCulture)))];
    }

    private (JsonNode? Target, string Path) ResolveRef(string reference, string at)
    {
        if (reference.Length == 0 || reference[0] != '#')
        {
            throw new NotSupportedException($"$ref '{reference}' at '{at}' is not supported: only local references ('#', '#/json/pointer') are.");
        }

        if (reference.Length > 1 && reference[1] != '/')
        {
            throw new NotSupportedException($"$ref '{reference}' at '{at}' is not supported: anchors ($anchor) are not; use a JSON pointer such as '#/$defs/name'.");
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);
        JsonNode? current = _document;
        var canonical = new StringBuilder("#");
        foreach (var rawToken in pointer.Length == 0 ? [] : pointer[1..].Split('/'))
        {
            var token = UnescapePointerToken(rawToken, reference, at);
            canonical.Append('/').Append(EscapePointerToken(token));
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when IsArrayIndex(token, out var index) && index < array.Count => array[index],
                _ => throw Malformed(at, $"$ref '{reference}' cannot be resolved (no '{token}' at '{canonical}')"),
            };
        }

        return (current, canonical.ToString());
    }

    private static bool IsArrayIndex(string token, out int index)
    {
        index = -1;
        return token.Length > 0 && (token == "0" || token[0] != '0') && token.All(char.IsAsciiDigit)
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static string UnescapePointerToken(string token, string reference, string at)
    {
        for (var i = token.IndexOf('~', StringComparison.Ordinal); i >= 0; i = token.IndexOf('~', i + 1))
        {
            if (i + 1 >= token.Length || token[i + 1] is not ('0' or '1'))
            {
                throw Malformed(at, $"$ref '{reference}' contains an invalid JSON pointer escape ('~' must be followed by 0 or 1)");
            }
        }

        return token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }

    private static string EscapePointerToken(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private Regex CreateRegex(string pattern, string at)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, _regexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw Malformed(at, $"invalid regular expression '{pattern}': {ex.Message}");
        }
    }

    private static JsonTypes ParseTypes(JsonNode? value, string at)
    {
        if (KindOf(value) == JsonValueKind.String)
        {
            return ParseType(GetString(value!), at);
        }

        var names = ParseStringSet(value, at);
        if (names.Count == 0)
        {
            throw Malformed(at, "must be a type name or a non-empty array of type names");
        }

        return names.Aggregate(JsonTypes.None, (acc, name) => acc | ParseType(name, at));
    }

    private static JsonTypes ParseType(string name, string at) => name switch
    {
        "null" => JsonTypes.Null,
        "boolean" => JsonTypes.Boolean,
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "number" => JsonTypes.Number,
        "string" => JsonTypes.String,
        "integer" => JsonTypes.Integer,
        _ => throw Malformed(at, $"unknown type '{name}'"),
    };

    private static List<string> ParseStringSet(JsonNode? value, string at)
    {
        if (value is not JsonArray array || array.Any(item => KindOf(item) != JsonValueKind.String))
        {
            throw Malformed(at, "must be an array of strings");
        }

        var result = array.Select(item => GetString(item!)).ToList();
        if (result.Distinct(StringComparer.Ordinal).Count() != result.Count)
        {
            throw Malformed(at, "must not contain duplicates");
        }

        return result;
    }

    private static string RequireString(JsonNode? value, string at) =>
        KindOf(value) == JsonValueKind.String ? GetString(value!) : throw Malformed(at, "must be a string");

    private static JsonNumber RequireNumber(JsonNode? value, string at) =>
        JsonNumber.TryGet(value, out var number) ? number : throw Malformed(at, "must be a number");

    private static int RequireCount(JsonNode? value, string at)
    {
        if (!JsonNumber.TryGet(value, out var number) || !number.IsInteger || number.Double < 0 || number.Double > int.MaxValue)
        {
            throw Malformed(at, "must be a non-negative integer");
        }

        return (int)number.Double;
    }

    private static ArgumentException Malformed(string at, string problem) =>
        new($"Invalid schema at '{at}': {problem}.", "schema");

    // ------------------------------------------------------------------ evaluation

    private sealed class EvaluationContext
    {
        /// <summary>$ref targets currently being evaluated, with the instance location they were entered at.</summary>
        public HashSet<(Schema Target, string InstancePath)> ActiveRefs { get; } = [];
    }

    /// <summary>
    /// Evaluates <paramref name="schema"/> against <paramref name="instance"/>. With <paramref name="errors"/> null
    /// only validity is wanted and evaluation stops at the first failure.
    /// </summary>
    private bool Evaluate(Schema schema, JsonNode? instance, string path, List<SchemaError>? errors, EvaluationContext context)
    {
        if (schema.Boolean is bool allowed)
        {
            if (!allowed)
            {
                errors?.Add(new(path, schema.Path, "false", "no value is allowed here (the schema is 'false')"));
            }

            return allowed;
        }

        instance = Normalize(instance);
        var valid = true;

        bool Continue(bool ok)
        {
            valid &= ok;
            return valid || errors is not null;
        }

        if (schema.Ref is not null && !Continue(EvaluateRef(schema, instance, path, errors, context)))
        {
            return false;
        }

        if (!Continue(EvaluateTypeEnumConst(schema, instance, path, errors)))
        {
            return false;
        }

        var ok = instance switch
        {
            JsonObject obj => EvaluateObject(schema, obj, path, errors, context),
            JsonArray array => EvaluateArray(schema, array, path, errors, context),
            _ => KindOf(instance) switch
            {
                JsonValueKind.String => EvaluateString(schema, GetString(instance!), path, errors),
                JsonValueKind.Number => EvaluateNumber(schema, JsonNumber.From(instance!), path, errors),
                _ => true,
            },
        };
        if (!Continue(ok))
        {
            return false;
        }

        return Continue(EvaluateCombinators(schema, instance, path, errors, context)) && valid;
    }

    private bool EvaluateRef(Schema schema, JsonNode? instance, string path, List<SchemaError>? errors, EvaluationContext context)
    {
        var key = (schema.Ref!, path);
        if (!context.ActiveRefs.Add(key))
        {
            throw new InvalidOperationException(
                $"Infinite $ref recursion: '$ref': '{schema.RefText}' at '{schema.Path}/$ref' re-enters '{schema.Ref!.Path}' " +
                $"at instance location '{path}' while it is already being evaluated there.");
        }

        try
        {
            return Evaluate(schema.Ref!, instance, path, errors, context);
        }
        finally
        {
            context.ActiveRefs.Remove(key);
        }
    }

    private static bool EvaluateTypeEnumConst(Schema schema, JsonNode? instance, string path, List<SchemaError>? errors)
    {
        var valid = true;
        var kind = KindOf(instance);

        if (schema.Types != JsonTypes.None && !MatchesType(schema.Types, kind, instance))
        {
            valid = false;
            errors?.Add(new(path, schema.Path + "/type", "type",
                $"expected {FormatTypes(schema.Types)} but found {Describe(kind)}"));
        }

        if (schema.Enum is not null && !schema.Enum.Any(candidate => JsonEquals(candidate, instance)))
        {
            valid = false;
            errors?.Add(new(path, schema.Path + "/enum", "enum",
                $"value {Abbreviate(instance)} is not one of {Abbreviate(new JsonArray([.. schema.Enum.Select(e => e?.DeepClone())]))}"));
        }

        if (schema.HasConst && !JsonEquals(schema.Const, instance))
        {
            valid = false;
            errors?.Add(new(path, schema.Path + "/const", "const",
                $"value {Abbreviate(instance)} is not equal to the constant {Abbreviate(schema.Const)}"));
        }

        return valid;
    }

    private static bool MatchesType(JsonTypes types, JsonValueKind kind, JsonNode? instance) => kind switch
    {
        JsonValueKind.Null => types.HasFlag(JsonTypes.Null),
        JsonValueKind.True or JsonValueKind.False => types.HasFlag(JsonTypes.Boolean),
        JsonValueKind.Object => types.HasFlag(JsonTypes.Object),
        JsonValueKind.Array => types.HasFlag(JsonTypes.Array),
        JsonValueKind.String => types.HasFlag(JsonTypes.String),
        JsonValueKind.Number => types.HasFlag(JsonTypes.Number)
            || (types.HasFlag(JsonTypes.Integer) && JsonNumber.From(instance!).IsInteger),
        _ => false,
    };

    private bool EvaluateObject(Schema schema, JsonObject obj, string path, List<SchemaError>? errors, EvaluationContext context)
    {
        var valid = true;

        bool Fail(string instancePath, string schemaPath, string keyword, string message)
        {
            valid = false;
            errors?.Add(new(instancePath, schemaPath, keyword, message));
            return errors is not null;
        }

        if (schema.MinProperties is int minProperties && obj.Count < minProperties
            && !Fail(path, schema.Path + "/minProperties", "minProperties", $"object has {obj.Count} properties, fewer than the minimum of {minProperties}"))
        {
            return false;
        }

        if (schema.MaxProperties is int maxProperties && obj.Count > maxProperties
            && !Fail(path, schema.Path + "/maxProperties", "maxProperties", $"object has {obj.Count} properties, more than the maximum of {maxProperties}"))
        {
            return false;
        }

        foreach (var name in schema.Required ?? [])
        {
            if (!obj.ContainsKey(name) && !Fail(path, schema.Path + "/required", "required", $"required property '{name}' is missing"))
            {
                return false;
            }
        }

        var checksMembers = schema.Properties is not null || schema.PatternProperties is not null
            || schema.AdditionalProperties is not null || schema.PropertyNames is not null;
        if (!checksMembers)
        {
            return valid;
        }

        foreach (var (name, value) in obj)
        {
            var memberPath = path + "/" + EscapePointerToken(name);

            if (schema.PropertyNames is not null)
            {
                var nameErrors = errors is null ? null : new List<SchemaError>();
                if (!Evaluate(schema.PropertyNames, JsonValue.Create(name), memberPath, nameErrors, context))
                {
                    var reasons = nameErrors is null ? "" : ": " + string.Join("; ", nameErrors.Select(e => e.Message));
                    if (!Fail(memberPath, schema.PropertyNames.Path, "propertyNames", $"property name '{name}' is not allowed{reasons}"))
                    {
                        return false;
                    }
                }
            }

            var matched = false;
            if (schema.Properties is not null && schema.Properties.TryGetValue(name, out var propertySchema))
            {
                matched = true;
                if (!Evaluate(propertySchema, value, memberPath, errors, context) && !Failed())
                {
                    return false;
                }
            }

            foreach (var (source, regex, patternSchema) in schema.PatternProperties ?? [])
            {
                var patternPath = schema.Path + "/patternProperties/" + EscapePointerToken(source);
                bool isMatch;
                try
                {
                    isMatch = regex.IsMatch(name);
                }
                catch (RegexMatchTimeoutException)
                {
                    matched = true; // unknown; do not also blame additionalProperties
                    if (!Fail(memberPath, patternPath, "patternProperties", $"matching property name '{name}' against pattern '{source}' timed out after {_regexTimeout}"))
                    {
                        return false;
                    }

                    continue;
                }

                if (isMatch)
                {
                    matched = true;
                    if (!Evaluate(patternSchema, value, memberPath, errors, context) && !Failed())
                    {
                        return false;
                    }
                }
            }

            if (!matched && schema.AdditionalProperties is { } additional)
            {
                if (additional.Boolean == false)
                {
                    if (!Fail(memberPath, additional.Path, "additionalProperties", $"property '{name}' is not allowed"))
                    {
                        return false;
                    }
                }
                else if (!Evaluate(additional, value, memberPath, errors, context) && !Failed())
                {
                    return false;
                }
            }
        }

        return valid;

        // Marks a failure whose errors were already reported by a nested evaluation.
        bool Failed()
        {
            valid = false;
            return errors is not null;
        }
    }

    private bool EvaluateArray(Schema schema, JsonArray array, string path, List<SchemaError>? errors, EvaluationContext context)
    {
        var valid = true;

        bool Fail(string instancePath, string schemaPath, string keyword, string message)
        {
            valid = false;
            errors?.Add(new(instancePath, schemaPath, keyword, message));
            return errors is not null;
        }

        if (schema.MinItems is int minItems && array.Count < minItems
            && !Fail(path, schema.Path + "/minItems", "minItems", $"array has {array.Count} items, fewer than the minimum of {minItems}"))
        {
            return false;
        }

        if (schema.MaxItems is int maxItems && array.Count > maxItems
            && !Fail(path, schema.Path + "/maxItems", "maxItems", $"array has {array.Count} items, more than the maximum of {maxItems}"))
        {
            return false;
        }

        var prefixCount = schema.PrefixItems?.Count ?? 0;
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = path + "/" + i.ToString(CultureInfo.InvariantCulture);
            var itemSchema = i < prefixCount ? schema.PrefixItems![i] : schema.Items;
            if (itemSchema is null)
            {
                continue;
            }

            if (i >= prefixCount && itemSchema.Boolean == false)
            {
                if (!Fail(itemPath, itemSchema.Path, "items", $"item {i} is not allowed (at most {prefixCount} items)"))
                {
                    return false;
                }
            }
            else if (!Evaluate(itemSchema, array[i], itemPath, errors, context))
            {
                valid = false;
                if (errors is null)
                {
                    return false;
                }
            }
        }

        if (schema.UniqueItems)
        {
            for (var j = 1; j < array.Count; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    if (JsonEquals(array[i], array[j]))
                    {
                        if (!Fail(path, schema.Path + "/uniqueItems", "uniqueItems", $"items {i} and {j} are equal"))
                        {
                            return false;
                        }

                        break;
                    }
                }
            }
        }

        return valid;
    }

    private bool EvaluateString(Schema schema, string value, string path, List<SchemaError>? errors)
    {
        var valid = true;
        if (schema.MinLength is not null || schema.MaxLength is not null)
        {
            var length = CountCodePoints(value);
            if (length < schema.MinLength)
            {
                valid = false;
                errors?.Add(new(path, schema.Path + "/minLength", "minLength", $"string has {length} characters, fewer than the minimum of {schema.MinLength}"));
            }

            if (length > schema.MaxLength)
            {
                valid = false;
                errors?.Add(new(path, schema.Path + "/maxLength", "maxLength", $"string has {length} characters, more than the maximum of {schema.MaxLength}"));
            }
        }

        if (schema.Pattern is not null)
        {
            string? problem;
            try
            {
                problem = schema.Pattern.IsMatch(value) ? null : $"string {Abbreviate(JsonValue.Create(value))} does not match pattern '{schema.Pattern}'";
            }
            catch (RegexMatchTimeoutException)
            {
                problem = $"matching pattern '{schema.Pattern}' timed out after {_regexTimeout}";
            }

            if (problem is not null)
            {
                valid = false;
                errors?.Add(new(path, schema.Path + "/pattern", "pattern", problem));
            }
        }

        return valid;
    }

    private static bool EvaluateNumber(Schema schema, JsonNumber value, string path, List<SchemaError>? errors)
    {
        var valid = true;

        void Check(JsonNumber? limit, string keyword, Func<int, bool> passes, string relation)
        {
            if (limit is { } l && !passes(value.CompareTo(l)))
            {
                valid = false;
                errors?.Add(new(path, schema.Path + "/" + keyword, keyword, $"{value.Text} must be {relation} {l.Text}"));
            }
        }

        Check(schema.Minimum, "minimum", c => c >= 0, ">=");
        Check(schema.Maximum, "maximum", c => c <= 0, "<=");
        Check(schema.ExclusiveMinimum, "exclusiveMinimum", c => c > 0, ">");
        Check(schema.ExclusiveMaximum, "exclusiveMaximum", c => c < 0, "<");

        if (schema.MultipleOf is { } divisor && !value.IsMultipleOf(divisor))
        {
            valid = false;
            errors?.Add(new(path, schema.Path + "/multipleOf", "multipleOf", $"{value.Text} is not a multiple of {divisor.Text}"));
        }

        return valid;
    }

    private bool EvaluateCombinators(Schema schema, JsonNode? instance, string path, List<SchemaError>? errors, EvaluationContext context)
    {
        var valid = true;

        if (schema.AllOf is not null)
        {
            foreach (var branch in schema.AllOf)
            {
                if (!Evaluate(branch, instance, path, errors, context))
                {
                    valid = false;
                    if (errors is null)
                    {
                        return false;
                    }
                }
            }
        }

        if (schema.AnyOf is not null && !schema.AnyOf.Any(branch => Evaluate(branch, instance, path, null, context)))
        {
            valid = false;
            if (errors is null)
            {
                return false;
            }

            errors.Add(new(path, schema.Path + "/anyOf", "anyOf",
                $"value does not match any of the {schema.AnyOf.Count} anyOf alternatives{DescribeClosest(schema.AnyOf, instance, path, context)}"));
        }

        if (schema.OneOf is not null)
        {
            var matching = schema.OneOf.Select((branch, i) => (branch, i))
                .Where(b => Evaluate(b.branch, instance, path, null, context))
                .Select(b => b.i)
                .ToList();
            if (matching.Count != 1)
            {
                valid = false;
                if (errors is null)
                {
                    return false;
                }

                errors.Add(new(path, schema.Path + "/oneOf", "oneOf", matching.Count == 0
                    ? $"value does not match any of the {schema.OneOf.Count} oneOf alternatives{DescribeClosest(schema.OneOf, instance, path, context)}"
                    : $"value matches {matching.Count} oneOf alternatives ({string.Join(", ", matching)}) but must match exactly one"));
            }
        }

        if (schema.Not is not null && Evaluate(schema.Not, instance, path, null, context))
        {
            valid = false;
            if (errors is null)
            {
                return false;
            }

            errors.Add(new(path, schema.Path + "/not", "not", "value must not match the 'not' schema"));
        }

        if (schema.If is not null)
        {
            var branch = Evaluate(schema.If, instance, path, null, context) ? schema.Then : schema.Else;
            if (branch is not null && !Evaluate(branch, instance, path, errors, context))
            {
                valid = false;
            }
        }

        return valid;
    }

    /// <summary>
    /// Summarises the errors of the failed alternative that got furthest: the one whose errors are deepest in the
    /// instance, then the one with the fewest errors.
    /// </summary>
    private string DescribeClosest(List<Schema> branches, JsonNode? instance, string path, EvaluationContext context)
    {
        var candidates = branches.Select(branch =>
        {
            var branchErrors = new List<SchemaError>();
            Evaluate(branch, instance, path, branchErrors, context);
            return (branch, branchErrors, depth: branchErrors.Count == 0 ? 0 : branchErrors.Max(e => e.InstancePath.Count(c => c == '/')));
        }).ToList();
        var (closest, closestErrors, _) = candidates
            .OrderByDescending(c => c.depth)
            .ThenBy(c => c.branchErrors.Count)
            .First();
        if (closestErrors.Count == 0)
        {
            return "";
        }

        const int Shown = 3;
        var summary = string.Join("; ", closestErrors.Take(Shown).Select(e => e.ToString()));
        var more = closestErrors.Count > Shown ? $"; and {closestErrors.Count - Shown} more" : "";
        return $"; closest is {closest.Path}: {summary}{more}";
    }

    // ------------------------------------------------------------------ JSON helpers

    private static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    /// <summary>A <see cref="JsonValue"/> can wrap an object or array (e.g. a JsonElement); turn it into a real container.</summary>
    private static JsonNode? Normalize(JsonNode? node) =>
        node is JsonValue value && KindOf(value) is JsonValueKind.Object or JsonValueKind.Array
            ? JsonNode.Parse(value.ToJsonString())
            : node;

    private static string GetString(JsonNode node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.GetString() ?? "";
    }

    /// <summary>Deep JSON equality: object member order is irrelevant and numbers compare by value (1 == 1.0).</summary>
    internal static bool JsonEquals(JsonNode? left, JsonNode? right)
    {
        left = Normalize(left);
        right = Normalize(right);
        var kind = KindOf(left);
        if (kind != KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return JsonNumber.From(left!).CompareTo(JsonNumber.From(right!)) == 0;
            case JsonValueKind.String:
                return string.Equals(GetString(left!), GetString(right!), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var leftArray = (JsonArray)left!;
                var rightArray = (JsonArray)right!;
                return leftArray.Count == rightArray.Count
                    && leftArray.Zip(rightArray).All(pair => JsonEquals(pair.First, pair.Second));
            case JsonValueKind.Object:
                var leftObject = (JsonObject)left!;
                var rightObject = (JsonObject)right!;
                return leftObject.Count == rightObject.Count
                    && leftObject.All(member => rightObject.TryGetPropertyValue(member.Key, out var other) && JsonEquals(member.Value, other));
            default:
                return true; // null, true, false
        }
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        _ => kind.ToString(),
    };

    private static string FormatTypes(JsonTypes types)
    {
        var names = Enum.GetValues<JsonTypes>()
            .Where(t => t != JsonTypes.None && types.HasFlag(t))
            .Select(t => t.ToString().ToLowerInvariant());
        return string.Join(" or ", names);
    }

    private static string Abbreviate(JsonNode? value)
    {
        const int Limit = 120;
        var json = value?.ToJsonString() ?? "null";
        return json.Length <= Limit ? json : json[..Limit] + "...";
    }

    [Flags]
    private enum JsonTypes
    {
        None = 0,
        Null = 1,
        Boolean = 2,
        Object = 4,
        Array = 8,
        Number = 16,
        String = 32,
        Integer = 64,
    }

    /// <summary>A compiled (sub)schema. <see cref="Path"/> is its location in the document as a URI fragment.</summary>
    private sealed class Schema(string path)
    {
        public string Path { get; } = path;
        public bool? Boolean { get; init; }

        public Schema? Ref { get; set; }
        public string? RefText { get; set; }

        public JsonTypes Types { get; set; }
        public List<JsonNode?>? Enum { get; set; }
        public bool HasConst { get; set; }
        public JsonNode? Const { get; set; }

        public Dictionary<string, Schema>? Properties { get; set; }
        public List<string>? Required { get; set; }
        public List<(string Source, Regex Regex, Schema Schema)>? PatternProperties { get; set; }
        public Schema? AdditionalProperties { get; set; }
        public Schema? PropertyNames { get; set; }
        public int? MinProperties { get; set; }
        public int? MaxProperties { get; set; }

        public List<Schema>? PrefixItems { get; set; }
        public Schema? Items { get; set; }
        public int? MinItems { get; set; }
        public int? MaxItems { get; set; }
        public bool UniqueItems { get; set; }

        public Regex? Pattern { get; set; }
        public int? MinLength { get; set; }
        public int? MaxLength { get; set; }

        public JsonNumber? Minimum { get; set; }
        public JsonNumber? Maximum { get; set; }
        public JsonNumber? ExclusiveMinimum { get; set; }
        public JsonNumber? ExclusiveMaximum { get; set; }
        public JsonNumber? MultipleOf { get; set; }

        public List<Schema>? AllOf { get; set; }
        public List<Schema>? AnyOf { get; set; }
        public List<Schema>? OneOf { get; set; }
        public Schema? Not { get; set; }
        public Schema? If { get; set; }
        public Schema? Then { get; set; }
        public Schema? Else { get; set; }
    }

    /// <summary>
    /// A JSON number kept as <see cref="decimal"/> when that represents it (exact for typical schema values such
    /// as 0.1), otherwise as <see cref="double"/>.
    /// </summary>
    private readonly record struct JsonNumber(decimal? Decimal, double Double, string Text)
    {
        public static bool TryGet(JsonNode? node, out JsonNumber number)
        {
            if (KindOf(node) != JsonValueKind.Number)
            {
                number = default;
                return false;
            }

            number = From(node!);
            return true;
        }

        public static JsonNumber From(JsonNode node)
        {
            var text = node.ToJsonString();
            var asDouble = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            decimal? asDecimal = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && (d != 0m || asDouble == 0d) // values below decimal's range round to 0
                    ? d
                    : null;
            return new JsonNumber(asDecimal, asDouble, text);
        }

        public bool IsInteger => Decimal is { } d ? d == decimal.Truncate(d) : double.IsFinite(Double) && Math.Floor(Double) == Double;

        public int CompareTo(JsonNumber other) =>
            Decimal is { } left && other.Decimal is { } right ? left.CompareTo(right) : Double.CompareTo(other.Double);

        public bool IsMultipleOf(JsonNumber divisor)
        {
            if (Decimal is { } value && divisor.Decimal is { } d)
            {
                try
                {
                    return value % d == 0m;
                }
                catch (OverflowException)
                {
                    // fall through to the floating-point approximation
                }
            }

            var quotient = Double / divisor.Double;
            return double.IsFinite(quotient) && Math.Abs(quotient - Math.Round(quotient)) <= 1e-9 * Math.Max(1, Math.Abs(quotient));
        }
    }
}
