using RunbookEngine.Expressions.Functions;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Expressions;

/// <summary>Parses a bare expression (no <c>${{ }}</c> around it), e.g. for fields that are always expressions.</summary>
internal static class ExpressionParser
{
    public static ExpressionParseResult Parse(string expressionText) => Parse(expressionText, FunctionRegistry.Default);

    public static ExpressionParseResult Parse(string expressionText, FunctionRegistry functions)
    {
        ArgumentNullException.ThrowIfNull(expressionText);
        ArgumentNullException.ThrowIfNull(functions);
        var errors = new List<ExpressionError>();
        if (string.IsNullOrWhiteSpace(expressionText))
        {
            errors.Add(new ExpressionError(0, expressionText.Length, "empty expression"));
            return new ExpressionParseResult(null, errors);
        }

        var expression = Parser.Parse(expressionText, 0, expressionText.Length, functions, errors);
        return new ExpressionParseResult(expression, errors);
    }
}
