using System.Text.RegularExpressions;
using RunbookEngine.Expressions;
using RunbookEngine.Diagnostics;
using RunbookEngine.Format;
using RunbookEngine.Model;
using RunbookEngine.Parameters;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>Builds <c>types:</c> and <c>parameters:</c>, converting each default to its parameter's type.</summary>
internal sealed class ParameterBuilder(DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, YamlMapping> _typeNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectType?> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _building = new(StringComparer.Ordinal);

    public IReadOnlyList<ObjectType> BuildTypes(YamlMapping? types)
    {
        if (types is null)
        {
            return [];
        }

        foreach (var entry in types.Entries)
        {
            if (RunbookFormat.ParameterTypes.Contains(entry.Key.Value))
            {
                diagnostics.Add(DiagnosticCodes.InvalidTypeDefinition, entry.Key.Span, entry.Value.Path,
                    $"type '{entry.Key.Value}' has the name of a built-in type", "choose another name, e.g. a noun such as 'node'");
            }
            else if (!Identifiers.IsValid(entry.Key.Value))
            {
                diagnostics.Add(DiagnosticCodes.InvalidTypeDefinition, entry.Key.Span, entry.Value.Path,
                    $"'{entry.Key.Value}' is not a valid type name", "use letters, digits, '_' and '-', starting with a letter");
            }
            else if (entry.Value is YamlMapping mapping)
            {
                _typeNodes[entry.Key.Value] = mapping;
            }
        }

        return _typeNodes.Keys.Select(ResolveType).OfType<ObjectType>().ToList();
    }

    public IReadOnlyList<ParameterDefinition> BuildParameters(YamlMapping? parameters) =>
        parameters is null ? [] : BuildMembers(parameters, "parameter");

    private List<ParameterDefinition> BuildMembers(YamlMapping mapping, string noun)
    {
        var result = new List<ParameterDefinition>();
        foreach (var entry in mapping.Entries)
        {
            if (!Identifiers.IsValid(entry.Key.Value))
            {
                diagnostics.Add(DiagnosticCodes.InvalidParameterName, entry.Key.Span, entry.Value.Path,
                    $"'{entry.Key.Value}' is not a valid {noun} name",
                    "use letters, digits, '_' and '-', starting with a letter, so expressions can refer to it");
                continue;
            }

            if (entry.Value is YamlMapping spec && BuildDefinition(entry.Key, spec) is { } definition)
            {
                result.Add(definition);
            }
        }

        return result;
    }

    private ParameterDefinition? BuildDefinition(YamlScalar key, YamlMapping spec)
    {
        var type = BuildType(spec, key.Value);
        if (type is null)
        {
            return null;
        }

        var required = spec.Bool("required") ?? false;
        object? defaultValue = null;
        var defaultNode = spec["default"];
        var hasDefault = defaultNode is not null;
        if (defaultNode is not null)
        {
            if (type.Kind == ParameterKind.Secret)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.DefaultDoesNotMatchType, defaultNode.Span, defaultNode.Path,
                    $"secret parameter '{key.Value}' has a default in the runbook",
                    "a secret belongs in the params file or the environment of the run, not in a versioned runbook; remove 'default:'") { Sensitive = true });
                hasDefault = false;
            }
            else if (type.Kind == ParameterKind.Enum && type.AllowedValues is not { Count: > 0 })
            {
                // An enum without values is reported below (RB0304); that its default is none of them follows from it.
            }
            else if (new ParameterValueConverter(diagnostics, DiagnosticCodes.DefaultDoesNotMatchType, "the default of '{0}'")
                     .TryConvert(defaultNode, type, key.Value, out var converted))
            {
                if (ContainsSecret(converted))
                {
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.DefaultDoesNotMatchType, defaultNode.Span, defaultNode.Path,
                        $"the default of '{key.Value}' contains a secret",
                        "a secret belongs in the params file or the environment of the run, not in a versioned runbook; remove it from 'default:'") { Sensitive = true });
                    hasDefault = false;
                }
                else
                {
                    defaultValue = converted;
                }
            }

            if (required)
            {
                diagnostics.Add(DiagnosticCodes.RequiredWithDefault, spec.Find("required")!.Key.Span, spec.Path,
                    $"parameter '{key.Value}' is required but has a default, so the default is never used",
                    "remove 'required: true' or the default");
            }
        }

        return new ParameterDefinition(key.Value, type, required, hasDefault, defaultValue, spec.Text("description"), key.Span);
    }

    private static bool ContainsSecret(object? value) => value switch
    {
        SecretValue => true,
        IReadOnlyDictionary<string, object?> map => map.Values.Any(ContainsSecret),
        IEnumerable<object?> list when value is not string => list.Any(ContainsSecret),
        _ => false,
    };

    /// <summary>The type described by a definition's keys: type, values, pattern, min, max, items, properties.</summary>
    private ParameterType? BuildType(YamlMapping spec, string name)
    {
        var typeScalar = spec.Scalar("type");
        if (typeScalar is null || typeScalar.IsNull)
        {
            return null;
        }

        var type = ResolveTypeName(typeScalar);
        if (type is null)
        {
            return null;
        }

        CheckApplies(spec, "values", type.Kind is ParameterKind.Enum or ParameterKind.String or ParameterKind.Int or ParameterKind.Path);
        CheckApplies(spec, "pattern", type.Kind is ParameterKind.String or ParameterKind.Path or ParameterKind.Secret);
        CheckApplies(spec, "min", type.Kind is ParameterKind.Int or ParameterKind.List);
        CheckApplies(spec, "max", type.Kind is ParameterKind.Int or ParameterKind.List);
        CheckApplies(spec, "items", type.Kind is ParameterKind.List);
        CheckApplies(spec, "properties", type.Kind is ParameterKind.Object && type.TypeName is null);

        var values = spec.Sequence("values")?.Items.OfType<YamlScalar>().Select(s => s.CoreValue).ToList();
        if (type.Kind == ParameterKind.Enum && values is not { Count: > 0 })
        {
            diagnostics.Add(DiagnosticCodes.EnumWithoutValues, typeScalar.Span, spec.Path,
                $"enum '{name}' has no values", "add 'values: [a, b]' listing what may be chosen");
        }

        var pattern = spec.Scalar("pattern");
        if (pattern is { IsNull: false })
        {
            try
            {
                _ = new Regex(pattern.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                diagnostics.Add(DiagnosticCodes.InvalidPattern, pattern.Span, pattern.Path,
                    $"'{pattern.Value}' is not a valid regular expression: {ex.Message}", ".NET regular expression syntax is expected; the pattern must match the whole value");
            }
        }

        var items = type.Items;
        if (type.Kind == ParameterKind.List)
        {
            items = spec["items"] switch
            {
                YamlScalar s when !s.IsNull => ResolveTypeName(s),
                YamlMapping m => BuildType(m, name + "[]"),
                _ => new ParameterType(ParameterKind.String),
            };
        }

        var properties = type.Properties;
        if (type.Kind == ParameterKind.Object && type.TypeName is null)
        {
            properties = spec.Mapping("properties") is { } p ? BuildMembers(p, "field") : [];
        }

        return type with
        {
            AllowedValues = values ?? type.AllowedValues,
            Pattern = pattern is { IsNull: false } ? pattern.Value : type.Pattern,
            Min = spec.Int("min") ?? type.Min,
            Max = spec.Int("max") ?? type.Max,
            Items = items,
            Properties = properties,
        };
    }

    /// <summary>A name of <see cref="RunbookFormat.ParameterTypes"/> as a kind (not Enum.Parse, which is JIT-compiled at run time).</summary>
    private static ParameterKind BuiltInKind(string name) => name switch
    {
        "string" => ParameterKind.String,
        "int" => ParameterKind.Int,
        "bool" => ParameterKind.Bool,
        "path" => ParameterKind.Path,
        "duration" => ParameterKind.Duration,
        "enum" => ParameterKind.Enum,
        "list" => ParameterKind.List,
        "object" => ParameterKind.Object,
        "secret" => ParameterKind.Secret,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a built-in parameter type"),
    };

    private ParameterType? ResolveTypeName(YamlScalar typeScalar)
    {
        var typeName = typeScalar.Value;
        if (RunbookFormat.ParameterTypes.Contains(typeName))
        {
            return new ParameterType(BuiltInKind(typeName));
        }

        if (!_typeNodes.ContainsKey(typeName))
        {
            diagnostics.Add(DiagnosticCodes.UnknownParameterType, typeScalar.Span, typeScalar.Path,
                $"unknown type '{typeName}'",
                Suggestions.Hint(typeName, RunbookFormat.ParameterTypes.Concat(_typeNodes.Keys).ToList(), "types"));
            return null;
        }

        if (ResolveType(typeName) is { } objectType)
        {
            return new ParameterType(ParameterKind.Object) { TypeName = objectType.Name, Properties = objectType.Properties };
        }

        if (_building.Contains(typeName))
        {
            diagnostics.Add(DiagnosticCodes.RecursiveType, typeScalar.Span, typeScalar.Path,
                $"type '{typeName}' contains itself", "a parameter value is finite; use a field of another type or a plain string");
        }

        return null;
    }

    private ObjectType? ResolveType(string name)
    {
        if (_types.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!_building.Add(name))
        {
            return null;
        }

        var node = _typeNodes[name];
        var properties = node.Mapping("properties") is { } p ? BuildMembers(p, "field") : [];
        _building.Remove(name);
        var type = new ObjectType(name, node.Text("description"), properties, node.Span);
        _types[name] = type;
        return type;
    }

    private void CheckApplies(YamlMapping spec, string key, bool applies)
    {
        if (!applies && spec.Find(key) is { } entry)
        {
            diagnostics.Add(DiagnosticCodes.ConstraintNotApplicable, entry.Key.Span, entry.Value.Path,
                $"'{key}' does not apply to a parameter of type '{spec.Text("type")}'",
                key switch
                {
                    "items" => "'items' belongs to lists: type: list",
                    "properties" => "'properties' belongs to type: object (a named type already has its properties)",
                    "pattern" => "'pattern' applies to string, path and secret",
                    "values" => "'values' applies to enum, string, int and path",
                    _ => $"'{key}' applies to int and list",
                });
        }
    }
}
