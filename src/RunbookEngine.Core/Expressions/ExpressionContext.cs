namespace RunbookEngine.Expressions;

/// <summary>The root names an expression can refer to (params, steps, item, ...) and their values.</summary>
internal sealed class ExpressionContext
{
    public ExpressionContext(IReadOnlyDictionary<string, object?> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        Roots = roots;
    }

    public IReadOnlyDictionary<string, object?> Roots { get; }

    /// <summary>A copy with one more (or one replaced) root, e.g. <c>item</c> and <c>index</c> inside a loop.</summary>
    public ExpressionContext With(string name, object? value)
    {
        var roots = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, existing) in Roots)
        {
            roots[key] = existing;
        }

        roots[name] = value;
        return new ExpressionContext(roots);
    }
}
