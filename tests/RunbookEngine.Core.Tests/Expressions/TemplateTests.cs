using RunbookEngine.Expressions;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class TemplateTests
{
    [Fact]
    public void Plain_text_has_no_expressions_and_evaluates_to_itself()
    {
        var template = ParseTemplate("just { some } text $ {{ x }}");

        template.HasExpressions.ShouldBeFalse();
        template.IsSingleExpression.ShouldBeFalse();
        template.Evaluate(Context()).ShouldBe("just { some } text $ {{ x }}");
    }

    [Fact]
    public void Empty_text_evaluates_to_empty_string()
    {
        ParseTemplate(string.Empty).Evaluate(Context()).ShouldBe(string.Empty);
    }

    [Fact]
    public void Escaped_opener_produces_a_literal_opener()
    {
        var template = ParseTemplate("cost $${{ not.parsed }} and ${{ params.cluster }}");

        template.Expressions.Count.ShouldBe(1);
        template.Evaluate(Context()).ShouldBe("cost ${{ not.parsed }} and prod-eu");
    }

    [Fact]
    public void Single_expression_keeps_its_type_despite_surrounding_whitespace()
    {
        var template = ParseTemplate("  ${{ params.tags }}\n");

        template.IsSingleExpression.ShouldBeTrue();
        template.Evaluate(Context()).ShouldBe(List("db", "primary"));
    }

    [Theory]
    [InlineData("${{ params.count }}", 3L)]
    [InlineData("${{ params.enabled }}", true)]
    [InlineData("${{ params.ratio }}", 1.5)]
    [InlineData("${{ params.nothing }}", null)]
    [InlineData("${{ params.cluster }}", "prod-eu")]
    public void Single_expression_returns_typed_values(string text, object? expected)
    {
        Render(text).ShouldBe(expected);
    }

    [Fact]
    public void Single_expression_returns_fully_normalized_maps_and_lists()
    {
        var labels = Render("${{ params.labels }}").ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>();
        labels!["team"].ShouldBe("sre");

        var ports = Render("${{ params.ports }}").ShouldBeAssignableTo<IReadOnlyList<object?>>();
        ports!.ShouldBe(List(5432L, 6432L));
    }

    [Fact]
    public void Mixed_text_renders_each_kind()
    {
        var text = "host=${{ params.cluster }} port=${{ params.ports[0] }} ok=${{ params.enabled }} none=[${{ params.nothing }}] ratio=${{ params.ratio }} neg=${{ -2.0 }} off=${{ !params.enabled }}";

        Render(text).ShouldBe("host=prod-eu port=5432 ok=true none=[] ratio=1.5 neg=-2 off=false");
    }

    [Fact]
    public void Lists_and_maps_render_as_compact_json()
    {
        Render("tags: ${{ params.tags }} labels: ${{ params.labels }}")
            .ShouldBe("tags: [\"db\",\"primary\"] labels: {\"team\":\"sre\",\"tier\":\"gold\"}");
    }

    [Fact]
    public void Json_rendering_does_not_html_escape()
    {
        Render("x ${{ split('<a>&é', '|') }}").ShouldBe("x [\"<a>&é\"]");
    }

    [Fact]
    public void Two_adjacent_expressions_are_not_a_single_expression()
    {
        var template = ParseTemplate("${{ params.count }}${{ params.count }}");

        template.IsSingleExpression.ShouldBeFalse();
        template.Evaluate(Context()).ShouldBe("33");
    }

    [Fact]
    public void Closing_braces_inside_string_literals_do_not_end_the_expression()
    {
        Render("${{ format('{{{0}}}', 'x') }} and ${{ '}}' }}").ShouldBe("{x} and }}");
    }

    [Fact]
    public void Expressions_record_their_offsets_including_delimiters()
    {
        var template = ParseTemplate("a ${{ x }} b ${{y}}");

        template.Expressions.Select(e => (e.Offset, e.Length)).ShouldBe([(2, 8), (13, 6)]);
        template.Expressions[0].Expression.Offset.ShouldBe(6);
        template.Expressions[1].Expression.Offset.ShouldBe(16);
    }

    [Fact]
    public void Evaluation_errors_carry_offsets_into_the_scalar()
    {
        var template = ParseTemplate("prefix ${{ params.clustr }}");

        var error = Should.Throw<ExpressionEvaluationException>(() => template.Evaluate(Context()));

        error.Offset.ShouldBe(11);
        error.Length.ShouldBe(13);
    }

    [Fact]
    public void Unterminated_opener_is_an_error_at_its_offset()
    {
        var result = Template.Parse("abc ${{ params.cluster");

        result.Success.ShouldBeFalse();
        result.Template.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Offset.ShouldBe(4);
        error.Length.ShouldBe(3);
        error.Message.ShouldBe("unterminated '${{': no matching '}}'");
    }

    [Fact]
    public void Unterminated_string_inside_an_expression_points_at_the_quote()
    {
        var error = Template.Parse("x ${{ 'abc }}").Errors.ShouldHaveSingleItem();

        error.Offset.ShouldBe(6);
        error.Length.ShouldBe(5);
        error.Message.ShouldBe("unterminated string literal starting with '");
    }

    [Fact]
    public void Empty_expression_is_an_error_covering_the_delimiters()
    {
        var error = Template.Parse("a ${{  }} b").Errors.ShouldHaveSingleItem();

        error.ShouldBe(new ExpressionError(2, 7, "empty expression", "write an expression between '${{' and '}}', or '$${{' for a literal '${{'"));
    }

    [Fact]
    public void Trailing_garbage_is_reported_relative_to_the_scalar()
    {
        var error = Template.Parse("run: ${{ params.a params.b }}").Errors.ShouldHaveSingleItem();

        error.Offset.ShouldBe(18);
        error.Message.ShouldBe("unexpected 'params' after the end of the expression");
    }

    [Fact]
    public void All_errors_of_the_scalar_are_reported()
    {
        const string text = "${{ lenght(x) }} ok ${{ a == }} ${{ }} ${{ 'open }} ${{ join() }} ${{ b";

        var errors = Template.Parse(text).Errors;

        errors.Select(e => (e.Offset, e.Message)).ShouldBe(
        [
            (4, "unknown function 'lenght'"),
            (text.IndexOf("}} ${{ }}", StringComparison.Ordinal), "unexpected end of expression, expected a value"),
            (text.IndexOf("${{ }}", StringComparison.Ordinal), "empty expression"),
            (text.IndexOf("'open", StringComparison.Ordinal), "unterminated string literal starting with '"),
            (text.IndexOf("join", StringComparison.Ordinal), "function 'join' takes 1 to 2 arguments but was given 0"),
            (text.LastIndexOf("${{", StringComparison.Ordinal), "unterminated '${{': no matching '}}'"),
        ]);
    }

    [Fact]
    public void Unknown_function_hint_is_kept_in_template_errors()
    {
        var error = Template.Parse("${{ startswith(params.cluster, 'prod') }}").Errors.ShouldHaveSingleItem();

        error.Offset.ShouldBe(4);
        error.Length.ShouldBe(10);
        error.Hint.ShouldBe("did you mean 'startsWith'?");
    }

    [Fact]
    public void Nested_opener_inside_an_expression_is_reported()
    {
        var error = Template.Parse("${{ a ${{ b }}").Errors.ShouldHaveSingleItem();

        error.Offset.ShouldBe(6);
        error.Length.ShouldBe(3);
        error.Message.ShouldBe("'${{' cannot appear inside an expression");
    }

    [Fact]
    public void Parse_never_throws_on_garbage()
    {
        foreach (var text in new[] { "${{", "${{ ( }}", "${{ ] }}", "${{ \"\\", "${{ '' '' }}", "$$$${{{{}}}}", "${{ a[ }}", "}}${{" })
        {
            var result = Template.Parse(text);
            (result.Success || result.Errors.Count > 0).ShouldBeTrue(text);
            result.Errors.ShouldAllBe(e => e.Offset >= 0 && e.Offset + e.Length <= text.Length);
        }
    }
}
