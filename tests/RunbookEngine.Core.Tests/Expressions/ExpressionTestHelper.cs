using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Expressions.Syntax;

namespace RunbookEngine.Core.Tests.Expressions;

/// <summary>Shared sample data shaped like real runbook state (params, step outputs, loop variables).</summary>
internal static class ExpressionTestHelper
{
    public const string SecretText = "hunter2-s3cr3t";

    public static Dictionary<string, object?> Node(string name, string role, object? lastIndex, long statsIndex) => new()
    {
        ["name"] = name,
        ["address"] = "10.0.0." + name[^1],
        ["role"] = role,
        ["lastIndex"] = lastIndex,
        ["stats"] = new Dictionary<string, object?> { ["lastIndex"] = statsIndex },
    };

    public static ExpressionContext Context()
    {
        var nodes = new List<object?>
        {
            Node("db1", "replica", 100, 7),
            Node("db2", "primary", 250, 3),
            Node("db3", "replica", 250L, 9),
            Node("db4", "replica", null, 1),
        };

        return new ExpressionContext(new Dictionary<string, object?>
        {
            ["params"] = new Dictionary<string, object?>
            {
                ["cluster"] = "prod-eu",
                ["count"] = 3,
                ["ratio"] = 1.5m,
                ["enabled"] = true,
                ["empty"] = string.Empty,
                ["nothing"] = null,
                ["tags"] = new[] { "db", "primary" },
                ["ports"] = new List<int> { 5432, 6432 },
                ["password"] = new SecretValue(SecretText),
                ["labels"] = new Dictionary<string, string> { ["team"] = "sre", ["tier"] = "gold" },
                ["odd key"] = "spaced",
                ["json"] = "{\"a\": [1, 2.5, \"x\"], \"b\": {\"c\": null, \"d\": true}}",
            },
            ["steps"] = new Dictionary<string, object?>
            {
                ["find-latest"] = new Dictionary<string, object?>
                {
                    ["outputs"] = new Dictionary<string, object?> { ["address"] = "10.0.0.7", ["lsn"] = 120L },
                },
                ["skipped"] = new Dictionary<string, object?> { ["outputs"] = null },
                ["inventory"] = new Dictionary<string, object?>
                {
                    ["outputs"] = new Dictionary<string, object?> { ["nodes"] = nodes, ["none"] = new List<object?>() },
                },
            },
            ["secrets"] = new List<object?> { "plain", new SecretValue(SecretText) },
            ["index"] = 1,
        });
    }

    public static Expr ParseExpr(string text)
    {
        var result = ExpressionParser.Parse(text);
        result.Errors.ShouldBeEmpty();
        result.Success.ShouldBeTrue();
        return result.Expression!;
    }

    public static object? Eval(string expression) => ExpressionEvaluator.Evaluate(ParseExpr(expression), Context());

    public static ExpressionEvaluationException EvalError(string expression) =>
        Should.Throw<ExpressionEvaluationException>(() => Eval(expression));

    public static ExpressionError SingleParseError(string expression)
    {
        var result = ExpressionParser.Parse(expression);
        result.Success.ShouldBeFalse();
        result.Expression.ShouldBeNull();
        return result.Errors.ShouldHaveSingleItem();
    }

    public static Template ParseTemplate(string text)
    {
        var result = Template.Parse(text);
        result.Errors.ShouldBeEmpty();
        result.Success.ShouldBeTrue();
        return result.Template!;
    }

    public static object? Render(string text) => ParseTemplate(text).Evaluate(Context());

    public static List<object?> List(params object?[] items) => [.. items];
}
