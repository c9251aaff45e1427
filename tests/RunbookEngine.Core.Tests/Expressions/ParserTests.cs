using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Syntax;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class ParserTests
{
    [Theory]
    [InlineData("a || b && c", "(a || (b && c))")]
    [InlineData("a && b || c", "((a && b) || c)")]
    [InlineData("a || b || c", "((a || b) || c)")]
    [InlineData("a == b && c != d", "((a == b) && (c != d))")]
    [InlineData("a < b == c >= d", "((a < b) == (c >= d))")]
    [InlineData("a == b == c", "((a == b) == c)")]
    [InlineData("a <= b > c", "((a <= b) > c)")]
    [InlineData("!a == b", "((!a) == b)")]
    [InlineData("!(a == b)", "(!(a == b))")]
    [InlineData("!!a", "(!(!a))")]
    [InlineData("-a.b[0] < 1", "((-a.b[0]) < 1)")]
    [InlineData("(a || b) && c", "((a || b) && c)")]
    [InlineData("length(a.b) > 2 && contains(x, 'y')", "((length(a.b) > 2) && contains(x, 'y'))")]
    [InlineData("(a).b[c.d]['e']", "a.b[c.d]['e']")]
    public void Precedence_and_associativity(string text, string expected)
    {
        ParseExpr(text).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("null", null)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("42", 42L)]
    [InlineData("0", 0L)]
    [InlineData("1.5", 1.5)]
    [InlineData("'it''s'", "it's")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("''", "")]
    public void Literals(string text, object? expected)
    {
        var literal = ParseExpr(text).ShouldBeOfType<LiteralExpr>();

        literal.Value.ShouldBe(expected);
        literal.Offset.ShouldBe(0);
        literal.Length.ShouldBe(text.Length);
    }

    [Fact]
    public void Paths_with_hyphenated_step_ids()
    {
        var member = ParseExpr("steps.find-latest.outputs.address").ShouldBeOfType<MemberExpr>();

        member.Name.ShouldBe("address");
        member.NameOffset.ShouldBe(26);
        member.Length.ShouldBe(33);
        member.ToString().ShouldBe("steps.find-latest.outputs.address");
    }

    [Fact]
    public void Keywords_can_be_used_as_member_names()
    {
        ParseExpr("a.null.true").ToString().ShouldBe("a.null.true");
    }

    [Fact]
    public void Index_with_expression_string_and_negative_number()
    {
        var index = ParseExpr("params.tags[-1]").ShouldBeOfType<IndexExpr>();

        index.Index.ShouldBeOfType<UnaryExpr>().Operator.ShouldBe(UnaryOperator.Negate);
        index.Length.ShouldBe(15);
        ParseExpr("steps[params.step].outputs").ToString().ShouldBe("steps[params.step].outputs");
    }

    [Fact]
    public void Binary_node_spans_both_operands_and_records_operator_offset()
    {
        var binary = ParseExpr("  a.b  ==  'x' ").ShouldBeOfType<BinaryExpr>();

        binary.Offset.ShouldBe(2);
        binary.Length.ShouldBe(12);
        binary.OperatorOffset.ShouldBe(7);
    }

    [Fact]
    public void Function_calls_resolve_the_definition_and_keep_arguments()
    {
        var call = ParseExpr("join(params.tags, '-')").ShouldBeOfType<CallExpr>();

        call.Function.Name.ShouldBe("join");
        call.Arguments.Count.ShouldBe(2);
        call.NameLength.ShouldBe(4);
        call.Length.ShouldBe(22);
    }

    [Fact]
    public void Function_call_with_no_arguments_checks_arity()
    {
        var error = SingleParseError("first()");

        error.ShouldBe(new ExpressionError(0, 5, "function 'first' takes 1 argument but was given 0", "usage: first(list)"));
    }

    [Fact]
    public void Unknown_function_is_reported_at_its_name_with_close_names()
    {
        var error = SingleParseError("x && lenght(a) > 1");

        error.Offset.ShouldBe(5);
        error.Length.ShouldBe(6);
        error.Message.ShouldBe("unknown function 'lenght'");
        error.Hint.ShouldBe("did you mean 'length'?");
    }

    [Fact]
    public void Function_names_are_case_sensitive()
    {
        var error = SingleParseError("StartsWith(a, 'b')");

        error.Message.ShouldBe("unknown function 'StartsWith'");
        error.Hint.ShouldBe("did you mean 'startsWith'?");
    }

    [Fact]
    public void Unknown_function_without_close_names_lists_all_functions()
    {
        var error = SingleParseError("frobnicate(1)");

        error.Hint.ShouldNotBeNull();
        error.Hint.ShouldStartWith("available functions: coalesce, contains, endsWith,");
    }

    [Theory]
    [InlineData("join(a, b, c)", "function 'join' takes 1 to 2 arguments but was given 3", "usage: join(list, separator = ',')")]
    [InlineData("coalesce(a)", "function 'coalesce' takes at least 2 arguments but was given 1", "usage: coalesce(a, b, ...)")]
    [InlineData("where(a, 'k')", "function 'where' takes 3 arguments but was given 2", "usage: where(list, key, value)")]
    [InlineData("format()", "function 'format' takes at least 1 argument but was given 0", "usage: format(format, args...)")]
    public void Wrong_arity_is_a_parse_error_at_the_function_name(string text, string message, string hint)
    {
        SingleParseError(text).ShouldBe(new ExpressionError(0, text.IndexOf('('), message, hint));
    }

    [Fact]
    public void All_semantic_errors_of_one_expression_are_reported()
    {
        var result = ExpressionParser.Parse("foo(1) || join() || bar(2)");

        result.Errors.Select(e => (e.Offset, e.Message)).ShouldBe(
        [
            (0, "unknown function 'foo'"),
            (10, "function 'join' takes 1 to 2 arguments but was given 0"),
            (20, "unknown function 'bar'"),
        ]);
    }

    [Theory]
    [InlineData("a b", 2, 1, "unexpected 'b' after the end of the expression")]
    [InlineData("a == 1 )", 7, 1, "unmatched ')'")]
    [InlineData("a ==", 4, 0, "unexpected end of expression, expected a value")]
    [InlineData("(a", 2, 0, "expected ')' but found end of expression")]
    [InlineData("a[1", 3, 0, "expected ']' but found end of expression")]
    [InlineData("a[]", 2, 1, "expected an index expression inside '[ ]'")]
    [InlineData("a.", 2, 0, "expected a property name after '.' but found end of expression")]
    [InlineData("a.1", 2, 1, "expected a property name after '.' but found '1'")]
    [InlineData("a.b(1)", 3, 1, "only functions can be called")]
    [InlineData("join(a b)", 7, 1, "expected ',' or ')' in the arguments of join() but found 'b'")]
    [InlineData("&& a", 0, 2, "expected a value but found '&&'")]
    [InlineData("'abc", 0, 4, "unterminated string literal starting with '")]
    [InlineData("x == \"abc", 5, 4, "unterminated string literal starting with \"")]
    public void Syntax_errors_have_exact_offsets(string text, int offset, int length, string message)
    {
        var error = SingleParseError(text);

        error.Offset.ShouldBe(offset);
        error.Length.ShouldBe(length);
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_bare_expression_is_an_error(string text)
    {
        SingleParseError(text).Message.ShouldBe("empty expression");
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var text = new string('(', 500) + "1" + new string(')', 500);

        SingleParseError(text).Message.ShouldBe("expression is nested more than 64 levels deep");
    }

    [Fact]
    public void Long_unary_chains_are_limited_too()
    {
        SingleParseError(new string('!', 5000) + "true").Message.ShouldStartWith("expression is nested");
    }

    [Fact]
    public void Reasonable_nesting_parses()
    {
        var text = new string('(', 30) + "1" + new string(')', 30);

        ParseExpr(text).ShouldBeOfType<LiteralExpr>().Value.ShouldBe(1L);
    }
}
