using System.Diagnostics.CodeAnalysis;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions;

/// <summary>Outcome of parsing a bare expression: either an expression or at least one error, never both.</summary>
internal sealed class ExpressionParseResult(Expr? expression, IReadOnlyList<ExpressionError> errors)
{
    public Expr? Expression { get; } = errors.Count == 0 ? expression : null;

    public IReadOnlyList<ExpressionError> Errors { get; } = errors;

    [MemberNotNullWhen(true, nameof(Expression))]
    public bool Success => Expression is not null;
}
