namespace RunbookEngine.Expressions.Syntax;

internal enum UnaryOperator
{
    Not,
    Negate,
}
