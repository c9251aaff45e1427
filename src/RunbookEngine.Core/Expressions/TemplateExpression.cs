using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions;

/// <summary>One <c>${{ ... }}</c> of a template. Offset and Length cover the delimiters too.</summary>
internal sealed record TemplateExpression(Expr Expression, int Offset, int Length);
