using System.Text;
using RunbookEngine.Expressions.Analysis;
using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Expressions.Functions;

namespace RunbookEngine.Expressions;

/// <summary>
/// A parsed YAML scalar: literal text with zero or more <c>${{ expr }}</c> parts. A scalar that is exactly one
/// expression (surrounding whitespace aside) evaluates to the expression's typed value; anything else renders to
/// text. All offsets are relative to <see cref="Text"/>.
/// </summary>
internal sealed class Template
{
    internal Template(string text, IReadOnlyList<TemplatePart> parts)
    {
        Text = text;
        Parts = parts;
        Expressions = parts.Where(p => p.Expression is not null).Select(p => p.Expression!).ToList();
        IsSingleExpression = Expressions.Count == 1
            && parts.All(p => p.Expression is not null || string.IsNullOrWhiteSpace(p.Text));
    }

    /// <summary>The original scalar text.</summary>
    public string Text { get; }

    public IReadOnlyList<TemplatePart> Parts { get; }

    public IReadOnlyList<TemplateExpression> Expressions { get; }

    public bool HasExpressions => Expressions.Count > 0;

    public bool IsSingleExpression { get; }

    /// <summary>Never throws: problems are returned as errors with offsets into <paramref name="text"/>.</summary>
    public static TemplateParseResult Parse(string text) => Parse(text, FunctionRegistry.Default);

    public static TemplateParseResult Parse(string text, FunctionRegistry functions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(functions);
        return TemplateParser.Parse(text, functions);
    }

    /// <summary>
    /// The typed value for a single-expression template, otherwise the rendered string. If a secret was interpolated,
    /// the whole rendered string is returned as a <see cref="SecretValue"/> so it stays redacted downstream.
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">An expression failed; offsets are relative to <see cref="Text"/>.</exception>
    public object? Evaluate(ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsSingleExpression)
        {
            return ExpressionEvaluator.Evaluate(Expressions[0].Expression, context);
        }

        var builder = new StringBuilder();
        var containsSecret = false;
        foreach (var part in Parts)
        {
            if (part.Expression is null)
            {
                builder.Append(part.Text);
                continue;
            }

            var value = ExpressionEvaluator.Evaluate(part.Expression.Expression, context);
            builder.Append(ValueFormatter.ToText(value, out var partIsSecret));
            containsSecret |= partIsSecret;
        }

        var rendered = builder.ToString();
        return containsSecret ? new SecretValue(rendered) : rendered;
    }

    /// <summary>Every property path used by any expression of the template, in source order.</summary>
    public IReadOnlyList<PathReference> GetPathReferences() =>
        Expressions.SelectMany(e => PathReferences.Collect(e.Expression)).ToList();

    /// <summary>
    /// Statically inferred kind of <see cref="Evaluate"/>'s result: the expression's kind for a single expression,
    /// otherwise <see cref="ValueKind.String"/> (or <see cref="ValueKind.Secret"/> when a part is known to be secret).
    /// </summary>
    public ValueKind InferKind(Func<PathReference, ValueKind>? resolver = null)
    {
        if (IsSingleExpression)
        {
            return KindAnalyzer.InferKind(Expressions[0].Expression, resolver);
        }

        return Expressions.Any(e => KindAnalyzer.InferKind(e.Expression, resolver) == ValueKind.Secret)
            ? ValueKind.Secret
            : ValueKind.String;
    }

    /// <summary>Static errors of all expressions (see <see cref="KindAnalyzer.Check"/>).</summary>
    public IReadOnlyList<ExpressionError> Check(
        Func<PathReference, ValueKind>? resolver = null,
        IReadOnlyCollection<string>? knownRoots = null) =>
        Expressions.SelectMany(e => KindAnalyzer.Check(e.Expression, resolver, knownRoots)).ToList();

    public override string ToString() => Text;
}
