using RunbookEngine.Expressions.Evaluation;

namespace RunbookEngine.Expressions.Functions;

internal static class AggregateFunctions
{
    public static IReadOnlyList<FunctionDefinition> Definitions { get; } =
    [
        new("max", "max(list) or max(a, b, ...)", 1, FunctionDefinition.Unbounded, ValueKind.Any, args => Extreme(args, 1)),
        new("min", "min(list) or min(a, b, ...)", 1, FunctionDefinition.Unbounded, ValueKind.Any, args => Extreme(args, -1)),
        new("maxBy", "maxBy(list, key)", 2, 2, ValueKind.Any, args => ExtremeBy(args, 1)),
        new("minBy", "minBy(list, key)", 2, 2, ValueKind.Any, args => ExtremeBy(args, -1)),
    ];

    /// <param name="direction">1 for the largest, -1 for the smallest.</param>
    private static object? Extreme(FunctionArguments args, int direction)
    {
        var fromList = args.Count == 1;
        var candidates = fromList ? args.List(0, "values") : args.All;
        object? best = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var value = Values.Normalize(candidates[i]);
            if (value is not (long or double or string))
            {
                throw fromList
                    ? args.Error(0, $"element {i} is {Values.Describe(value)}; only numbers and strings can be compared")
                    : args.Error(i, $"argument {i + 1} is {Values.Describe(value)}; only numbers and strings can be compared");
            }

            if (i == 0)
            {
                best = value;
            }
            else if (!Values.TryCompare(value, best, out var order))
            {
                var message = $"cannot compare {Values.Describe(value)} with {Values.Describe(best)}";
                throw fromList ? args.Error(0, $"element {i}: {message}") : args.Error(i, message);
            }
            else if (order * direction > 0)
            {
                best = value;
            }
        }

        return best;
    }

    /// <summary>
    /// Returns the element rather than the key because runbooks want the whole record (e.g. the node with the
    /// highest replication index and its address). Elements whose key is null did not report a value and are skipped.
    /// </summary>
    private static object? ExtremeBy(FunctionArguments args, int direction)
    {
        var list = args.List(0, "list");
        var key = args.String(1, "key");
        object? best = null;
        object? bestKey = null;
        for (var i = 0; i < list.Count; i++)
        {
            var candidateKey = ElementProperty.Get(args, 1, list[i], i, key);
            if (candidateKey is null)
            {
                continue;
            }

            if (candidateKey is not (long or double or string))
            {
                throw args.Error(1, $"property '{key}' of element {i} is {Values.Describe(candidateKey)}; only numbers and strings can be compared");
            }

            if (bestKey is null)
            {
                (best, bestKey) = (Values.Normalize(list[i]), candidateKey);
            }
            else if (!Values.TryCompare(candidateKey, bestKey, out var order))
            {
                throw args.Error(1, $"property '{key}' of element {i} is {Values.Describe(candidateKey)} and cannot be compared with {Values.Describe(bestKey)}");
            }
            else if (order * direction > 0)
            {
                (best, bestKey) = (Values.Normalize(list[i]), candidateKey);
            }
        }

        return best;
    }
}
