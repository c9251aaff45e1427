using System.Globalization;

namespace RunbookEngine.Expressions.Syntax;

/// <param name="value">null, bool, long, double or string.</param>
internal sealed class LiteralExpr(object? value, int offset, int length) : Expr(offset, length)
{
    public object? Value { get; } = value;

    public override string ToString() => Value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };
}
