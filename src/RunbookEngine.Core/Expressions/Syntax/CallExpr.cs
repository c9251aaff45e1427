using RunbookEngine.Expressions.Functions;

namespace RunbookEngine.Expressions.Syntax;

/// <summary>A function call; the function is resolved while parsing so unknown names fail before the run.</summary>
internal sealed class CallExpr(FunctionDefinition function, IReadOnlyList<Expr> arguments, int offset, int nameLength, int end)
    : Expr(offset, end - offset)
{
    public FunctionDefinition Function { get; } = function;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;

    public int NameLength { get; } = nameLength;

    public override string ToString() => $"{Function.Name}({string.Join(", ", Arguments)})";
}
