using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class EvaluatorTests
{
    [Theory]
    [InlineData("steps.find-latest.outputs.address", "10.0.0.7")]
    [InlineData("steps['find-latest'].outputs['lsn']", 120L)]
    [InlineData("params.tags[0]", "db")]
    [InlineData("params.tags[-1]", "primary")]
    [InlineData("params.tags[-2]", "db")]
    [InlineData("params.tags[index]", "primary")]
    [InlineData("params.ports[1]", 6432L)]
    [InlineData("params['odd key']", "spaced")]
    [InlineData("params.labels.team", "sre")]
    public void Property_paths_and_indexes(string expression, object? expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Fact]
    public void Index_can_be_computed_from_other_paths()
    {
        Eval("steps[lower('FIND-LATEST')].outputs.address").ShouldBe("10.0.0.7");
    }

    [Fact]
    public void Integral_double_index_is_accepted()
    {
        Eval("params.tags[fromJson('1.0')]").ShouldBe("primary");
    }

    [Theory]
    [InlineData("steps.skipped.outputs")]
    [InlineData("steps.skipped.outputs.address")]
    [InlineData("steps.skipped.outputs.address.deeper")]
    [InlineData("steps.skipped.outputs['x'][0]")]
    [InlineData("params.nothing[params.missing]")]
    public void Member_and_index_on_null_yield_null(string expression)
    {
        Eval(expression).ShouldBeNull();
    }

    [Fact]
    public void Missing_key_is_loud_and_lists_available_keys()
    {
        var error = EvalError("steps.find-latest.outputs.adress");

        error.Message.ShouldBe("'steps.find-latest.outputs' has no property 'adress'; did you mean 'address'? Available: address, lsn");
        error.Offset.ShouldBe(0);
        error.Length.ShouldBe(32);
    }

    [Fact]
    public void Missing_key_without_a_close_name_only_lists_keys()
    {
        EvalError("params.labels.zone").Message.ShouldBe("'params.labels' has no property 'zone'. Available: team, tier");
    }

    [Fact]
    public void Missing_key_via_index_is_loud_too()
    {
        EvalError("params.labels['zone']").Message.ShouldStartWith("'params.labels' has no property 'zone'");
    }

    [Fact]
    public void Missing_key_on_empty_map_says_so()
    {
        EvalError("fromJson('{}').x").Message.ShouldBe("'fromJson('{}')' has no property 'x'; it is empty");
    }

    [Fact]
    public void Unknown_root_is_an_error_with_suggestion()
    {
        var error = EvalError("parms.cluster");

        error.Message.ShouldBe("unknown name 'parms'; did you mean 'params'?");
        error.Offset.ShouldBe(0);
        error.Length.ShouldBe(5);
    }

    [Fact]
    public void Unknown_root_without_close_name_lists_roots()
    {
        EvalError("zzz").Message.ShouldBe("unknown name 'zzz'; available names: index, params, secrets, steps");
    }

    [Theory]
    [InlineData("params.tags[2]", "index 2 is out of range for 'params.tags', which has 2 elements")]
    [InlineData("params.tags[-3]", "index -3 is out of range for 'params.tags', which has 2 elements")]
    [InlineData("steps.inventory.outputs.none[0]", "index 0 is out of range for 'steps.inventory.outputs.none', which has 0 elements")]
    [InlineData("params.tags['a']", "a list can only be indexed by an integer, but the index is a string")]
    [InlineData("params.tags[1.5]", "a list can only be indexed by an integer, but the index is a number")]
    [InlineData("params.labels[0]", "a map can only be indexed by a string, but the index is an int")]
    [InlineData("params.cluster[0]", "cannot index 'params.cluster', which is a string")]
    [InlineData("params.tags.first", "cannot read property 'first' of 'params.tags', which is a list; use [index] or pluck()")]
    [InlineData("params.cluster.length", "cannot read property 'length' of 'params.cluster', which is a string")]
    [InlineData("1.x", "cannot read property 'x' of '1', which is an int")]
    public void Access_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Fact]
    public void Index_out_of_range_points_at_the_index_expression()
    {
        var error = EvalError("params.tags[2]");

        error.Offset.ShouldBe(0);
        error.Length.ShouldBe(14);
    }

    [Theory]
    [InlineData("true && true", true)]
    [InlineData("true && false", false)]
    [InlineData("false || true", true)]
    [InlineData("false || false", false)]
    [InlineData("!false", true)]
    [InlineData("!params.enabled", false)]
    [InlineData("false && params.missing", false)]
    [InlineData("true || params.missing", true)]
    [InlineData("steps.skipped.outputs != null && steps.skipped.outputs.ready", false)]
    [InlineData("false && 'not a bool'", false)]
    public void Logical_operators_short_circuit(string expression, bool expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("params.cluster && true", "operator '&&' requires bool operands, but the left operand is a string", 0, 14)]
    [InlineData("true && 1", "operator '&&' requires bool operands, but the right operand is an int", 8, 1)]
    [InlineData("null || false", "operator '||' requires bool operands, but the left operand is null", 0, 4)]
    [InlineData("false || params.tags", "operator '||' requires bool operands, but the right operand is a list", 9, 11)]
    [InlineData("!params.cluster", "operator '!' requires a bool, but the operand is a string", 0, 15)]
    [InlineData("!null", "operator '!' requires a bool, but the operand is null", 0, 5)]
    [InlineData("-'a'", "operator '-' requires a number, but the operand is a string", 0, 4)]
    [InlineData("-true", "operator '-' requires a number, but the operand is a bool", 0, 5)]
    public void Logical_and_unary_operators_are_strict(string expression, string message, int offset, int length)
    {
        var error = EvalError(expression);

        error.Message.ShouldBe(message);
        error.Offset.ShouldBe(offset);
        error.Length.ShouldBe(length);
    }

    [Theory]
    [InlineData("-params.count", -3L)]
    [InlineData("-1.5", -1.5)]
    [InlineData("--2", 2L)]
    public void Unary_minus_on_numbers(string expression, object expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Fact]
    public void Unary_minus_overflow_is_an_error()
    {
        EvalError("-int('-9223372036854775808')").Message.ShouldBe("integer overflow in '-'");
    }

    [Theory]
    [InlineData("1 == 1", true)]
    [InlineData("1 == 1.0", true)]
    [InlineData("params.count == 3", true)]
    [InlineData("params.ratio == 1.5", true)]
    [InlineData("1 == '1'", false)]
    [InlineData("1 != '1'", true)]
    [InlineData("true == 'true'", false)]
    [InlineData("null == null", true)]
    [InlineData("params.nothing == null", true)]
    [InlineData("steps.skipped.outputs.address == null", true)]
    [InlineData("null == false", false)]
    [InlineData("'' == null", false)]
    [InlineData("'a' == 'A'", false)]
    [InlineData("params.tags == split('db,primary', ',')", true)]
    [InlineData("params.tags == split('primary,db', ',')", false)]
    [InlineData("params.ports == fromJson('[5432, 6432.0]')", true)]
    [InlineData("params.labels == fromJson('{\"tier\":\"gold\",\"team\":\"sre\"}')", true)]
    [InlineData("params.labels == fromJson('{\"tier\":\"gold\"}')", false)]
    [InlineData("params.labels != params.tags", true)]
    [InlineData("fromJson('[]') == fromJson('{}')", false)]
    [InlineData("9007199254740993 == 9007199254740992.0", false)]
    public void Equality_is_deep_and_numeric(string expression, bool expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 < 2", false)]
    [InlineData("2 <= 2", true)]
    [InlineData("3 > 2.5", true)]
    [InlineData("2.5 >= 3", false)]
    [InlineData("-1 < 0", true)]
    [InlineData("params.count >= 3", true)]
    [InlineData("'abc' < 'abd'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'b' > 'a'", true)]
    [InlineData("'a' <= 'a'", true)]
    [InlineData("9007199254740993 > 9007199254740992.0", true)]
    public void Ordering_of_numbers_and_strings(string expression, bool expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("'a' < 1", "operator '<' cannot compare a string with an int; only two numbers or two strings can be ordered")]
    [InlineData("null >= 1", "operator '>=' cannot compare null with an int; only two numbers or two strings can be ordered")]
    [InlineData("true > false", "operator '>' cannot compare a bool with a bool; only two numbers or two strings can be ordered")]
    [InlineData("params.tags <= params.tags", "operator '<=' cannot compare a list with a list; only two numbers or two strings can be ordered")]
    [InlineData("1.5 < params.labels", "operator '<' cannot compare a number with a map; only two numbers or two strings can be ordered")]
    public void Ordering_other_kinds_names_both_kinds(string expression, string message)
    {
        var error = EvalError(expression);

        error.Message.ShouldBe(message);
        error.Offset.ShouldBe(0);
        error.Length.ShouldBe(expression.Length);
    }

    [Fact]
    public void Realistic_when_condition()
    {
        Eval("steps.find-latest.outputs.lsn > 100 && startsWith(params.cluster, 'prod') && !contains(params.tags, 'readonly')")
            .ShouldBe(true);
    }

    [Fact]
    public void Context_with_adds_loop_variables()
    {
        var context = Context().With("item", new Dictionary<string, object?> { ["name"] = "db9" });

        ExpressionEvaluator.Evaluate(ParseExpr("item.name"), context).ShouldBe("db9");
        context.Roots.ContainsKey("params").ShouldBeTrue();
    }
}
