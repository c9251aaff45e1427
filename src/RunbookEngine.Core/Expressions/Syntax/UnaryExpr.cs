namespace RunbookEngine.Expressions.Syntax;

internal sealed class UnaryExpr(UnaryOperator op, Expr operand, int offset) : Expr(offset, operand.End - offset)
{
    public UnaryOperator Operator { get; } = op;

    public Expr Operand { get; } = operand;

    public string Symbol => Operator == UnaryOperator.Not ? "!" : "-";

    public override string ToString() => $"({Symbol}{Operand})";
}
