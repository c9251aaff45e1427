using System.Globalization;
using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Binding;

/// <summary>
/// Turns evaluated <c>with:</c> values (null, bool, long, double, string, secret, lists, maps) into an activity's
/// input record. Plain reflection rather than System.Text.Json: going through JSON would mean writing every secret
/// into a buffer as text, and its errors name JSON paths and CLR types, where an author needs "input 'timeout'
/// must be a duration such as 30s". The rules match the loader's checks (<c>Kinds.Compatible</c>): scalars are
/// accepted as text for string inputs, an int for a number, and nothing else is converted.
/// </summary>
internal static class InputBinder
{
    private const int MaxDepth = 32;

    public static TInput Bind<TInput>(IReadOnlyDictionary<string, object?> inputs)
        where TInput : class => (TInput)BindRecord(typeof(TInput), inputs, string.Empty, 0);

    private static object BindRecord(Type type, IReadOnlyDictionary<string, object?> values, string path, int depth)
    {
        var members = RecordMembers.Of(type);
        var strict = path.Length == 0 || !Attribute.IsDefined(type, typeof(IgnoreExtraFieldsAttribute), inherit: false);
        foreach (var key in values.Keys.Where(k => strict && members.All(m => m.Name != k)))
        {
            throw new ActivityInputException(Join(path, key), "no such input",
                $"unknown input '{Join(path, key)}'; known: {string.Join(", ", members.Select(m => m.Name))}");
        }

        // Records with init properties only: positional parameters would have no [Description] or 'required' for the descriptor.
        var instance = type.GetConstructor(Type.EmptyTypes) is null
            ? throw new InvalidOperationException($"{type.Name} needs a public parameterless constructor and init properties to be bound")
            : Activator.CreateInstance(type)!;
        foreach (var member in members)
        {
            var memberPath = Join(path, member.Name);
            if (!values.TryGetValue(member.Name, out var value) || value is null)
            {
                if (member.Required)
                {
                    var expected = Expected(member.Property.PropertyType);
                    throw new ActivityInputException(memberPath, expected, $"missing required input '{memberPath}' ({expected})");
                }

                // Absent and null both mean "not given": the record's own default stays.
                continue;
            }

            member.Property.SetValue(instance, Convert(value, member.Property.PropertyType, memberPath, depth));
        }

        return instance;
    }

    private static object? Convert(object? value, Type target, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ActivityInputException(path, Expected(target), $"input '{path}' is nested more than {MaxDepth} levels deep");
        }

        value = Values.Normalize(value);
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null)
        {
            return type == target && type.IsValueType ? throw Wrong(path, target, value) : null;
        }

        if (type == typeof(object) || type == typeof(SecretValue) && value is SecretValue)
        {
            return value;
        }

        if (ScalarConversions.TryConvert(value, type, out var scalar, out var detail))
        {
            return scalar;
        }

        if (detail is not null)
        {
            throw new ActivityInputException(path, Expected(target), $"input '{path}' must be {Expected(target)}, {detail}");
        }

        if (Collections.MapValueType(type) is { } valueType && value is IReadOnlyDictionary<string, object?> map)
        {
            return Collections.NewMap(type, valueType, map.Select(e => (e.Key, Convert(e.Value, valueType, Join(path, e.Key), depth + 1))));
        }

        if (Collections.ListItemType(type) is { } itemType && value is IReadOnlyList<object?> list)
        {
            return Collections.NewList(type, itemType, list.Select((item, i) => Convert(item, itemType, $"{path}[{i}]", depth + 1)));
        }

        if (Collections.IsRecord(type) && value is IReadOnlyDictionary<string, object?> fields)
        {
            return BindRecord(type, fields, path, depth + 1);
        }

        throw Wrong(path, target, value);
    }

    private static ActivityInputException Wrong(string path, Type target, object? value) =>
        new(path, Expected(target), $"input '{path}' must be {Expected(target)}, found {Values.Describe(value)}");

    /// <summary>How a type reads in "must be ..." messages.</summary>
    internal static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) || type == typeof(SecretValue) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when ScalarConversions.IsInteger(type) => "an integer",
            _ when ScalarConversions.IsFloating(type) => "a number",
            _ when type == typeof(TimeSpan) => "a duration such as 30s or 1m30s",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"'{TypeShapes.CamelCase(n)}'")),
            _ when type == typeof(object) => "any value",
            _ when Collections.MapValueType(type) is not null => "a mapping",
            _ when Collections.ListItemType(type) is { } item => "a list of " + Plural(Expected(item)),
            _ => "a mapping",
        };
    }

    private static string Plural(string expected) => expected switch
    {
        "a string" => "strings",
        "true or false" => "booleans",
        "an integer" => "integers",
        "a number" => "numbers",
        "a mapping" => "mappings",
        _ when expected.StartsWith("a duration", StringComparison.Ordinal) => "durations",
        _ when expected.StartsWith("one of", StringComparison.Ordinal) => "names (" + expected + ")",
        _ => "values",
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    internal static string Quote(object value) => value switch
    {
        // A secret's text never goes into an error message.
        SecretValue => "a secret",
        string s => $"'{(s.Length > 40 ? s[..40] + "…" : s)}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Values.Describe(value),
    };
}
