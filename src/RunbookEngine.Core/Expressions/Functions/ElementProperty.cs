using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Expressions.Functions;

/// <summary>Reads a dotted property path (e.g. <c>stats.lastIndex</c>) from list elements for maxBy, pluck, where.</summary>
internal static class ElementProperty
{
    public static object? Get(FunctionArguments args, int keyArgument, object? element, int elementIndex, string path)
    {
        var current = Values.Normalize(element);
        foreach (var segment in path.Split('.'))
        {
            switch (current)
            {
                case null:
                    return null;
                case IReadOnlyDictionary<string, object?> map:
                    if (!map.TryGetValue(segment, out var next))
                    {
                        var available = map.Count == 0 ? "it has no properties" : "available: " + NameSuggestions.List(map.Keys);
                        throw args.Error(keyArgument, $"element {elementIndex} has no property '{segment}' ({available})");
                    }

                    current = Values.Normalize(next);
                    break;
                default:
                    throw args.Error(keyArgument, $"cannot read property '{segment}' of element {elementIndex}, which is {Values.Describe(current)}");
            }
        }

        return current;
    }
}
