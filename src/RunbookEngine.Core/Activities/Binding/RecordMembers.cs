using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace RunbookEngine.Activities.Binding;

/// <summary>One property of an input or output record, as the binder and converter see it.</summary>
internal sealed record RecordMember(string Name, PropertyInfo Property, bool Required, bool AcceptsNull);

/// <summary>
/// The public properties of a record, reflected once per type. Names are camelCased and <c>required</c> comes from
/// the C# keyword, exactly as <see cref="TypeShapes"/> derives the descriptor, so binding agrees with validation.
/// </summary>
internal static class RecordMembers
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<RecordMember>> Cache = new();

    public static IReadOnlyList<RecordMember> Of(Type type) => Cache.GetOrAdd(type, Reflect);

    private static IReadOnlyList<RecordMember> Reflect(Type type)
    {
        // NullabilityInfoContext is not thread-safe; one per type reflected.
        var nullability = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new RecordMember(
                TypeShapes.CamelCase(p.Name),
                p,
                p.GetCustomAttribute<RequiredMemberAttribute>() is not null,
                p.PropertyType.IsValueType ? Nullable.GetUnderlyingType(p.PropertyType) is not null : nullability.Create(p).WriteState != NullabilityState.NotNull))
            .ToList();
    }
}
