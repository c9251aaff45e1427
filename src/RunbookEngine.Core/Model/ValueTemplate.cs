using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;

namespace RunbookEngine.Model;

/// <summary>
/// A value written in YAML whose scalars may hold expressions (a step's <c>with:</c>, a <c>foreach:</c> list).
/// Parsed at load time, evaluated when the step runs.
/// </summary>
internal abstract record ValueTemplate(SourceSpan Span)
{
    public abstract object? Evaluate(ExpressionContext context);

    /// <summary>Every expression template inside, for reference checks.</summary>
    public abstract IEnumerable<TemplateValue> Templates();
}

internal sealed record LiteralValue(object? Value, SourceSpan Span) : ValueTemplate(Span)
{
    public override object? Evaluate(ExpressionContext context) => Value;

    public override IEnumerable<TemplateValue> Templates() => [];
}

internal sealed record TemplateValue(Template Template, Syntax.YamlScalar Scalar) : ValueTemplate(Scalar.Span)
{
    public override object? Evaluate(ExpressionContext context) => Template.Evaluate(context);

    public override IEnumerable<TemplateValue> Templates() => [this];
}

internal sealed record ListValue(IReadOnlyList<ValueTemplate> Items, SourceSpan Span) : ValueTemplate(Span)
{
    public override object? Evaluate(ExpressionContext context) => Items.Select(i => i.Evaluate(context)).ToList();

    public override IEnumerable<TemplateValue> Templates() => Items.SelectMany(i => i.Templates());
}

internal sealed record MapValue(IReadOnlyList<KeyValuePair<string, ValueTemplate>> Entries, SourceSpan Span) : ValueTemplate(Span)
{
    public override object? Evaluate(ExpressionContext context) =>
        Entries.ToDictionary(e => e.Key, e => e.Value.Evaluate(context), StringComparer.Ordinal);

    public override IEnumerable<TemplateValue> Templates()
    {
        // Not SelectMany: over key-value pairs it is JIT-compiled at run time, ReadyToRun has no code for it.
        foreach (var entry in Entries)
        {
            foreach (var template in entry.Value.Templates())
            {
                yield return template;
            }
        }
    }
}
