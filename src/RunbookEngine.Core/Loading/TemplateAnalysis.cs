using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Analysis;

namespace RunbookEngine.Loading;

/// <summary>The static questions the loader asks of a template, in one place.</summary>
internal static class TemplateAnalysis
{
    public static IReadOnlyList<PathReference> References(Template template) => template.GetPathReferences();

    public static IReadOnlyList<ExpressionError> Check(Template template, Func<PathReference, ValueKind> resolver) => template.Check(resolver);

    public static ValueKind InferKind(Template template, Func<PathReference, ValueKind> resolver) => template.InferKind(resolver);

    /// <summary>The path a single-expression template consists of, e.g. <c>${{ params.nodes }}</c>; otherwise null.</summary>
    public static PathReference? SinglePath(Template template) =>
        template.IsSingleExpression ? PathReferences.TryGet(template.Expressions[0].Expression) : null;
}
