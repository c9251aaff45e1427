using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Analysis;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class KindAnalyzerTests
{
    private static readonly Dictionary<string, ValueKind> Schema = new()
    {
        ["params.count"] = ValueKind.Int,
        ["params.ratio"] = ValueKind.Number,
        ["params.cluster"] = ValueKind.String,
        ["params.enabled"] = ValueKind.Bool,
        ["params.password"] = ValueKind.Secret,
        ["params.tags"] = ValueKind.List,
        ["params.tags.0"] = ValueKind.String,
        ["steps.x.outputs"] = ValueKind.Map,
    };

    private static readonly string[] Roots = ["params", "steps", "item", "index", "run", "result"];

    private static ValueKind Resolve(PathReference reference) =>
        Schema.GetValueOrDefault(string.Join('.', reference.Path), ValueKind.Any);

    private static ValueKind Infer(string expression) => KindAnalyzer.InferKind(ParseExpr(expression), Resolve);

    private static IReadOnlyList<ExpressionError> Check(string expression) => KindAnalyzer.Check(ParseExpr(expression), Resolve, Roots);

    [Theory]
    [InlineData("null", ValueKind.Null)]
    [InlineData("true", ValueKind.Bool)]
    [InlineData("7", ValueKind.Int)]
    [InlineData("7.5", ValueKind.Number)]
    [InlineData("'s'", ValueKind.String)]
    [InlineData("-7", ValueKind.Int)]
    [InlineData("-7.5", ValueKind.Number)]
    [InlineData("-params.x", ValueKind.Any)]
    [InlineData("!params.x", ValueKind.Bool)]
    [InlineData("params.x == 1", ValueKind.Bool)]
    [InlineData("params.x < 1", ValueKind.Bool)]
    [InlineData("params.x && params.y", ValueKind.Bool)]
    [InlineData("length(params.x)", ValueKind.Int)]
    [InlineData("join(params.x)", ValueKind.String)]
    [InlineData("contains(params.x, 1)", ValueKind.Bool)]
    [InlineData("split(params.x, ',')", ValueKind.List)]
    [InlineData("keys(params.x)", ValueKind.List)]
    [InlineData("first(params.x)", ValueKind.Any)]
    [InlineData("int('1')", ValueKind.Int)]
    [InlineData("params.count", ValueKind.Int)]
    [InlineData("params.tags[0]", ValueKind.String)]
    [InlineData("params.tags[index]", ValueKind.Any)]
    [InlineData("params.unknown", ValueKind.Any)]
    [InlineData("maxBy(params.tags, 'x').y", ValueKind.Any)]
    public void Infers_kinds(string expression, ValueKind expected)
    {
        Infer(expression).ShouldBe(expected);
    }

    [Fact]
    public void Without_a_resolver_paths_are_any()
    {
        KindAnalyzer.InferKind(ParseExpr("params.count")).ShouldBe(ValueKind.Any);
    }

    [Fact]
    public void Resolver_receives_the_full_static_path()
    {
        var seen = new List<string>();

        KindAnalyzer.InferKind(ParseExpr("steps.a-b.outputs['k'][2] == params[params.n]"), r =>
        {
            seen.Add(r.ToString());
            return ValueKind.Any;
        });

        seen.ShouldBe(["steps.a-b.outputs.k[2]", "params.n"]);
    }

    [Theory]
    [InlineData("!'a'", 0, 4, "operator '!' requires a bool, but the operand is a string")]
    [InlineData("!params.count", 0, 13, "operator '!' requires a bool, but the operand is an int")]
    [InlineData("'a' < 1", 0, 7, "operator '<' cannot compare a string with an int")]
    [InlineData("params.cluster >= params.ratio", 0, 30, "operator '>=' cannot compare a string with a number")]
    [InlineData("true < params.x", 0, 15, "operator '<' cannot compare a bool with a value of unknown kind")]
    [InlineData("params.x > null", 0, 15, "operator '>' cannot compare a value of unknown kind with null")]
    [InlineData("(1 < 2) < 3", 1, 10, "operator '<' cannot compare a bool with an int")]
    [InlineData("params.cluster && true", 0, 14, "operator '&&' requires bool operands, but the left operand is a string")]
    [InlineData("true || 1", 8, 1, "operator '||' requires bool operands, but the right operand is an int")]
    [InlineData("-'a'", 0, 4, "operator '-' requires a number, but the operand is a string")]
    [InlineData("-params.tags", 0, 12, "operator '-' requires a number, but the operand is a list")]
    [InlineData("upper(params.password)", 6, 15, "secret values cannot be passed to upper()")]
    [InlineData("parms.count == 1", 0, 5, "unknown name 'parms'")]
    public void Reports_operations_that_can_never_work(string expression, int offset, int length, string message)
    {
        var error = Check(expression).ShouldHaveSingleItem();

        error.Message.ShouldBe(message);
        error.Offset.ShouldBe(offset);
        error.Length.ShouldBe(length);
    }

    [Theory]
    [InlineData("params.count < 3")]
    [InlineData("params.count < params.ratio")]
    [InlineData("'a' < params.cluster")]
    [InlineData("params.x < 1")]
    [InlineData("params.x && !params.y")]
    [InlineData("params.enabled && !params.enabled")]
    [InlineData("-params.count < -params.ratio")]
    [InlineData("params.cluster == 1")]
    [InlineData("length(params.password) > 0 && params.password != ''")]
    [InlineData("coalesce(params.password, 'x') == 'x'")]
    [InlineData("item.name == run.id && result == index && steps.x.outputs != null")]
    public void Accepts_what_might_work(string expression)
    {
        Check(expression).ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_root_hint_suggests_close_names()
    {
        Check("parms.count").ShouldHaveSingleItem().Hint.ShouldBe("did you mean 'params'?");
        Check("zzz").ShouldHaveSingleItem().Hint.ShouldBe("available names: index, item, params, result, run, steps");
    }

    [Fact]
    public void Errors_inside_nested_expressions_and_indexes_are_all_found()
    {
        var errors = Check("params.tags[!'x'] == 1 || (-true < 2 && 'a')");

        errors.Select(e => e.Message).ShouldBe(
        [
            "operator '!' requires a bool, but the operand is a string",
            "operator '-' requires a number, but the operand is a bool",
            "operator '&&' requires bool operands, but the right operand is a string",
        ]);
    }

    [Fact]
    public void Template_check_uses_scalar_offsets()
    {
        var template = ParseTemplate("when ${{ !'a' }} or ${{ parms.x }}");

        template.Check(Resolve, Roots).Select(e => (e.Offset, e.Message)).ShouldBe(
        [
            (9, "operator '!' requires a bool, but the operand is a string"),
            (24, "unknown name 'parms'"),
        ]);
    }

    [Theory]
    [InlineData("${{ params.count }}", ValueKind.Int)]
    [InlineData("  ${{ params.tags }} ", ValueKind.List)]
    [InlineData("plain", ValueKind.String)]
    [InlineData("n=${{ params.count }}", ValueKind.String)]
    [InlineData("pw=${{ params.password }}", ValueKind.Secret)]
    [InlineData("${{ params.password }}", ValueKind.Secret)]
    [InlineData("${{ params.count > 1 }}", ValueKind.Bool)]
    public void Template_kind(string text, ValueKind expected)
    {
        ParseTemplate(text).InferKind(Resolve).ShouldBe(expected);
    }
}
