using System.Diagnostics.CodeAnalysis;

namespace RunbookEngine.Expressions;

/// <summary>Either a template or every error found in the scalar, never both.</summary>
internal sealed class TemplateParseResult(Template? template, IReadOnlyList<ExpressionError> errors)
{
    public Template? Template { get; } = errors.Count == 0 ? template : null;

    public IReadOnlyList<ExpressionError> Errors { get; } = errors;

    [MemberNotNullWhen(true, nameof(Template))]
    public bool Success => Template is not null;
}
