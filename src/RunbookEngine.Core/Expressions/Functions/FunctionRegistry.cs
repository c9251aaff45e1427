using System.Diagnostics.CodeAnalysis;

namespace RunbookEngine.Expressions.Functions;

/// <summary>Name → definition lookup. Names are case-sensitive so that runbooks read the same everywhere.</summary>
internal sealed class FunctionRegistry
{
    private readonly Dictionary<string, FunctionDefinition> _functions = new(StringComparer.Ordinal);

    public FunctionRegistry(IEnumerable<FunctionDefinition> functions)
    {
        foreach (var function in functions)
        {
            if (!_functions.TryAdd(function.Name, function))
            {
                throw new ArgumentException($"function '{function.Name}' is registered twice", nameof(functions));
            }
        }
    }

    public static FunctionRegistry Default { get; } = new(
        StringFunctions.Definitions
            .Concat(CollectionFunctions.Definitions)
            .Concat(AggregateFunctions.Definitions)
            .Concat(ConversionFunctions.Definitions));

    public IEnumerable<FunctionDefinition> All => _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    public IEnumerable<string> Names => _functions.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, [NotNullWhen(true)] out FunctionDefinition? function) =>
        _functions.TryGetValue(name, out function);
}
