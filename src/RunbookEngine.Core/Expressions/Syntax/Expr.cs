namespace RunbookEngine.Expressions.Syntax;

/// <summary>
/// A node of a parsed expression. <see cref="Offset"/> is relative to the start of the text given to the parser
/// (the whole YAML scalar for templates), so every diagnostic can point at the exact column.
/// </summary>
internal abstract class Expr(int offset, int length)
{
    public int Offset { get; } = offset;

    public int Length { get; } = length;

    public int End => Offset + Length;

    /// <summary>A fully parenthesised rendering; makes precedence visible in tests and error messages.</summary>
    public abstract override string ToString();
}
