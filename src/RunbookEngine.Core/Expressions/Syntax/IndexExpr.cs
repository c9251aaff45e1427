namespace RunbookEngine.Expressions.Syntax;

/// <summary><c>target[index]</c>.</summary>
internal sealed class IndexExpr(Expr target, Expr index, int end) : Expr(target.Offset, end - target.Offset)
{
    public Expr Target { get; } = target;

    public Expr Index { get; } = index;

    public override string ToString() => $"{Target}[{Index}]";
}
