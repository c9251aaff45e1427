using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Expressions.Functions;

internal static class CollectionFunctions
{
    public static IReadOnlyList<FunctionDefinition> Definitions { get; } =
    [
        new("contains", "contains(haystack, needle)", 2, 2, ValueKind.Bool, Contains),
        new("length", "length(value)", 1, 1, ValueKind.Int, Length, acceptsSecrets: true),
        new("first", "first(list)", 1, 1, ValueKind.Any, args => args.List(0, "list") is { Count: > 0 } list ? Values.Normalize(list[0]) : null),
        new("last", "last(list)", 1, 1, ValueKind.Any, args => args.List(0, "list") is { Count: > 0 } list ? Values.Normalize(list[^1]) : null),
        new("keys", "keys(map)", 1, 1, ValueKind.List, args => args.Map(0, "map").Keys.Cast<object?>().ToList()),
        new("pluck", "pluck(list, key)", 2, 2, ValueKind.List, Pluck),
        new("where", "where(list, key, value)", 3, 3, ValueKind.List, Where),
    ];

    private static object? Contains(FunctionArguments args)
    {
        switch (args[0])
        {
            case string text:
                return text.Contains(args.String(1, "needle"), StringComparison.Ordinal);
            case IReadOnlyList<object?> list:
                var needle = args[1];
                return list.Any(element => Values.AreEqual(element, needle));
            case IReadOnlyDictionary<string, object?> map:
                return map.ContainsKey(args.String(1, "needle"));
            default:
                throw args.WrongKind(0, "haystack", "a string, list or map");
        }
    }

    private static object? Length(FunctionArguments args) => args[0] switch
    {
        string text => (long)text.Length,
        SecretValue secret => (long)secret.Reveal().Length,
        IReadOnlyList<object?> list => (long)list.Count,
        IReadOnlyDictionary<string, object?> map => (long)map.Count,
        _ => throw args.WrongKind(0, "value", "a string, list or map"),
    };

    private static object? Pluck(FunctionArguments args)
    {
        var list = args.List(0, "list");
        var key = args.String(1, "key");
        return list.Select((element, index) => ElementProperty.Get(args, 1, element, index, key)).ToList();
    }

    private static object? Where(FunctionArguments args)
    {
        var list = args.List(0, "list");
        var key = args.String(1, "key");
        var expected = args[2];
        var matches = new List<object?>();
        for (var i = 0; i < list.Count; i++)
        {
            if (Values.AreEqual(ElementProperty.Get(args, 1, list[i], i, key), expected))
            {
                matches.Add(Values.Normalize(list[i]));
            }
        }

        return matches;
    }
}
