using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using RunbookEngine.Format;

namespace RunbookEngine.Activities;

/// <summary>Turns an activity's input or output record into shapes: property names camelCased, C# <c>required</c> = required.</summary>
public static class TypeShapes
{
    private const int MaxDepth = 8;

    public static IReadOnlyList<ActivityField> Fields(Type type) => Fields(type, 0);

    private static IReadOnlyList<ActivityField> Fields(Type type, int depth) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new ActivityField(
                CamelCase(p.Name),
                ShapeOf(p.PropertyType, depth) with { Description = p.GetCustomAttribute<DescriptionAttribute>()?.Description },
                p.GetCustomAttribute<RequiredMemberAttribute>() is not null,
                p.GetCustomAttribute<DescriptionAttribute>()?.Description))
            .ToList();

    public static Shape ShapeOf(Type type, int depth = 0)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new ScalarShape(ScalarKind.String);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return new ScalarShape(ScalarKind.Int);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new ScalarShape(ScalarKind.Number);
        }

        if (type == typeof(bool))
        {
            return new ScalarShape(ScalarKind.Bool);
        }

        if (type == typeof(TimeSpan))
        {
            return new ScalarShape(ScalarKind.String) { Pattern = Durations.Pattern };
        }

        if (type.IsEnum)
        {
            return new ScalarShape(ScalarKind.String) { Values = Enum.GetNames(type).Select(CamelCase).ToList() };
        }

        if (type == typeof(object) || depth > MaxDepth)
        {
            return new AnyShape();
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new MapShape(ShapeOf(valueType, depth + 1));
        }

        if (ListItemType(type) is { } itemType)
        {
            return new ListShape(ShapeOf(itemType, depth + 1));
        }

        return new ObjectShape(Fields(type, depth + 1).Select(f => new FieldShape(f.Name, f.Shape, f.Required, f.Description ?? string.Empty)).ToList());
    }

    public static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static Type? DictionaryValueType(Type type) =>
        new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
                && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType() :
        new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
}
