using System.Collections;

namespace RunbookEngine.Activities.Binding;

/// <summary>Which collection shapes input records may use, and how to build them.</summary>
internal static class Collections
{
    /// <summary>The value type of a string-keyed map type, or null.</summary>
    public static Type? MapValueType(Type type) =>
        new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
                && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    /// <summary>The item type of a list-like type (never string, never a map), or null.</summary>
    public static Type? ListItemType(Type type) =>
        type == typeof(string) || MapValueType(type) is not null ? null
        : type.IsArray ? type.GetElementType()
        : new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    /// <summary>A class bound field by field from a mapping (input records and nested records).</summary>
    public static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null;

    public static object NewMap(Type type, Type valueType, IEnumerable<(string Key, object? Value)> entries)
    {
        var mapType = typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType);
        if (!type.IsAssignableFrom(mapType))
        {
            throw new InvalidOperationException($"input maps must be declared as IReadOnlyDictionary<string, T> or Dictionary<string, T>, not {type.Name}");
        }

        var map = (IDictionary)Activator.CreateInstance(mapType, StringComparer.Ordinal)!;
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    public static object NewList(Type type, Type itemType, IEnumerable<object?> items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        if (type.IsArray)
        {
            var array = Array.CreateInstance(itemType, list.Count);
            list.CopyTo(array, 0);
            return array;
        }

        return type.IsAssignableFrom(list.GetType())
            ? list
            : throw new InvalidOperationException($"input lists must be declared as IReadOnlyList<T>, List<T> or T[], not {type.Name}");
    }
}
