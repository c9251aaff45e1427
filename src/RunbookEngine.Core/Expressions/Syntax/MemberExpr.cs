namespace RunbookEngine.Expressions.Syntax;

/// <summary><c>target.name</c>.</summary>
internal sealed class MemberExpr(Expr target, string name, int nameOffset, int end) : Expr(target.Offset, end - target.Offset)
{
    public Expr Target { get; } = target;

    public string Name { get; } = name;

    public int NameOffset { get; } = nameOffset;

    public override string ToString() => $"{Target}.{Name}";
}
