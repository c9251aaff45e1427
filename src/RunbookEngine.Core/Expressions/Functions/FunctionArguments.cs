using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions.Functions;

/// <summary>
/// Evaluated arguments of one call plus helpers that produce errors pointing at the offending argument,
/// so each function body stays a few lines long.
/// </summary>
internal sealed class FunctionArguments(CallExpr call, IReadOnlyList<object?> values)
{
    public string FunctionName => call.Function.Name;

    public int Count => values.Count;

    public object? this[int index] => values[index];

    public IReadOnlyList<object?> All => values;

    public ExpressionEvaluationException Error(string message) =>
        new($"{FunctionName}(): {message}", call.Offset, call.Length);

    public ExpressionEvaluationException Error(int argumentIndex, string message)
    {
        var argument = call.Arguments[argumentIndex];
        return new ExpressionEvaluationException($"{FunctionName}(): {message}", argument.Offset, argument.Length);
    }

    public ExpressionEvaluationException SecretError(int argumentIndex)
    {
        var argument = call.Arguments[argumentIndex];
        return new ExpressionEvaluationException($"secret values cannot be passed to {FunctionName}()", argument.Offset, argument.Length);
    }

    public ExpressionEvaluationException WrongKind(int argumentIndex, string parameter, string expected) =>
        Error(argumentIndex, $"argument '{parameter}' must be {expected}, but got {Values.Describe(values[argumentIndex])}");

    public string String(int index, string parameter) =>
        values[index] as string ?? throw WrongKind(index, parameter, "a string");

    public IReadOnlyList<object?> List(int index, string parameter) =>
        values[index] as IReadOnlyList<object?> ?? throw WrongKind(index, parameter, "a list");

    public IReadOnlyDictionary<string, object?> Map(int index, string parameter) =>
        values[index] as IReadOnlyDictionary<string, object?> ?? throw WrongKind(index, parameter, "a map");

    /// <summary>Renders a value that came from argument <paramref name="index"/>, refusing secrets nested inside it.</summary>
    public string Text(object? value, int index)
    {
        var text = ValueFormatter.ToText(value, out var containsSecret);
        return containsSecret ? throw SecretError(index) : text;
    }
}
