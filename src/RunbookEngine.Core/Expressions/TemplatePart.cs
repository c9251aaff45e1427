namespace RunbookEngine.Expressions;

/// <summary>Either literal text (escapes already resolved) or an embedded expression.</summary>
internal sealed record TemplatePart(string? Text, TemplateExpression? Expression)
{
    public static TemplatePart Literal(string text) => new(text, null);

    public static TemplatePart Embedded(TemplateExpression expression) => new(null, expression);
}
