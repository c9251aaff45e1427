namespace RunbookEngine.Expressions.Syntax;

/// <summary>A root name such as <c>params</c> or <c>steps</c>, resolved from the evaluation context.</summary>
internal sealed class NameExpr(string name, int offset, int length) : Expr(offset, length)
{
    public string Name { get; } = name;

    public override string ToString() => Name;
}
