namespace RunbookEngine.Expressions.Syntax;

internal sealed class BinaryExpr(BinaryOperator op, Expr left, Expr right, int operatorOffset)
    : Expr(left.Offset, right.End - left.Offset)
{
    public BinaryOperator Operator { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public int OperatorOffset { get; } = operatorOffset;

    public string Symbol => Operator switch
    {
        BinaryOperator.Or => "||",
        BinaryOperator.And => "&&",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterEqual => ">=",
        _ => throw new InvalidOperationException($"unknown operator {Operator}"),
    };

    public bool IsLogical => Operator is BinaryOperator.And or BinaryOperator.Or;

    public bool IsOrdering => Operator is BinaryOperator.Less or BinaryOperator.LessEqual or BinaryOperator.Greater or BinaryOperator.GreaterEqual;

    public override string ToString() => $"({Left} {Symbol} {Right})";
}
