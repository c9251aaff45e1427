using RunbookEngine.Expressions.Functions;
using static RunbookEngine.Core.Tests.Expressions.ExpressionTestHelper;

namespace RunbookEngine.Core.Tests.Expressions;

public class FunctionTests
{
    private const string Nodes = "steps.inventory.outputs.nodes";

    [Fact]
    public void Registry_contains_exactly_the_documented_functions()
    {
        FunctionRegistry.Default.Names.ShouldBe(
        [
            "coalesce", "contains", "endsWith", "first", "format", "fromJson", "int", "join", "keys", "last", "length",
            "lower", "max", "maxBy", "min", "minBy", "pluck", "split", "startsWith", "string", "toJson", "trim", "upper", "where",
        ]);
    }

    [Fact]
    public void Registry_rejects_duplicate_names()
    {
        var definition = FunctionRegistry.Default.All.First();

        Should.Throw<ArgumentException>(() => new FunctionRegistry([definition, definition]));
    }

    [Fact]
    public void A_custom_registry_makes_new_functions_parseable()
    {
        var registry = new FunctionRegistry(
        [
            new FunctionDefinition("double", "double(n)", 1, 1, RunbookEngine.Expressions.ValueKind.Int, args => (long)args[0]! * 2),
        ]);

        var parsed = RunbookEngine.Expressions.ExpressionParser.Parse("double(21)", registry);

        parsed.Success.ShouldBeTrue();
        RunbookEngine.Expressions.Evaluation.ExpressionEvaluator.Evaluate(parsed.Expression!, Context()).ShouldBe(42L);
        RunbookEngine.Expressions.ExpressionParser.Parse("length('x')", registry).Success.ShouldBeFalse();
    }

    [Theory]
    [InlineData("contains('prod-eu', 'eu')", true)]
    [InlineData("contains('prod-eu', 'us')", false)]
    [InlineData("contains(params.tags, 'db')", true)]
    [InlineData("contains(params.tags, 'DB')", false)]
    [InlineData("contains(params.ports, 5432.0)", true)]
    [InlineData("contains(params.ports, '5432')", false)]
    [InlineData("contains(params.labels, 'team')", true)]
    [InlineData("contains(params.labels, 'sre')", false)]
    [InlineData("startsWith(params.cluster, 'prod')", true)]
    [InlineData("startsWith(params.cluster, 'Prod')", false)]
    [InlineData("endsWith(params.cluster, '-eu')", true)]
    [InlineData("endsWith(params.cluster, 'prod')", false)]
    public void Boolean_functions(string expression, bool expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("contains(42, 4)", "contains(): argument 'haystack' must be a string, list or map, but got an int")]
    [InlineData("contains(params.nothing, 'x')", "contains(): argument 'haystack' must be a string, list or map, but got null")]
    [InlineData("contains('abc', 1)", "contains(): argument 'needle' must be a string, but got an int")]
    [InlineData("contains(params.labels, 1)", "contains(): argument 'needle' must be a string, but got an int")]
    [InlineData("startsWith(1, 'a')", "startsWith(): argument 'text' must be a string, but got an int")]
    [InlineData("endsWith('a', null)", "endsWith(): argument 'suffix' must be a string, but got null")]
    public void Boolean_function_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Fact]
    public void Function_argument_errors_point_at_the_argument()
    {
        var error = EvalError("startsWith(params.cluster, params.count)");

        error.Offset.ShouldBe(27);
        error.Length.ShouldBe(12);
    }

    [Theory]
    [InlineData("join(params.tags)", "db,primary")]
    [InlineData("join(params.tags, ' | ')", "db | primary")]
    [InlineData("join(fromJson('[1, 2.5, true, null, \"x\", [1]]'), ';')", "1;2.5;true;;x;[1]")]
    [InlineData("join(steps.inventory.outputs.none, ',')", "")]
    public void Join(string expression, string expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("join('abc')", "join(): argument 'list' must be a list, but got a string")]
    [InlineData("join(params.tags, 1)", "join(): argument 'separator' must be a string, but got an int")]
    public void Join_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("format('plain')", "plain")]
    [InlineData("format('{0}:{1}', params.cluster, params.ports[0])", "prod-eu:5432")]
    [InlineData("format('{1}-{0}-{1}', 'a', 'b')", "b-a-b")]
    [InlineData("format('{{literal}} {0}', true)", "{literal} true")]
    [InlineData("format('{{{0}}}', 1.5)", "{1.5}")]
    [InlineData("format('[{0}]', null)", "[]")]
    [InlineData("format('{0}', params.tags)", "[\"db\",\"primary\"]")]
    [InlineData("format('{0}', 'unused', 'args are fine')", "unused")]
    public void Format(string expression, string expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("format('{2}', 'a')", "format(): placeholder {2} has no matching argument; 1 argument was given after the format string")]
    [InlineData("format('{0}')", "format(): placeholder {0} has no matching argument; 0 arguments were given after the format string")]
    [InlineData("format('{a}', 1)", "format(): invalid placeholder '{a}' at position 0 of the format string; placeholders look like {0}, {1}")]
    [InlineData("format('{0,5}', 1)", "format(): invalid placeholder '{0,5}' at position 0 of the format string; placeholders look like {0}, {1}")]
    [InlineData("format('ab{0', 1)", "format(): unclosed '{' at position 2 of the format string; write '{{' for a literal brace")]
    [InlineData("format('a}b', 1)", "format(): unmatched '}' at position 1 of the format string; write '}}' for a literal brace")]
    [InlineData("format(1)", "format(): argument 'format' must be a string, but got an int")]
    public void Format_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("length('héllo')", 5L)]
    [InlineData("length('')", 0L)]
    [InlineData("length(params.tags)", 2L)]
    [InlineData("length(params.labels)", 2L)]
    [InlineData("length(steps.inventory.outputs.nodes)", 4L)]
    public void Length(string expression, long expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("length(42)", "length(): argument 'value' must be a string, list or map, but got an int")]
    [InlineData("length(steps.skipped.outputs)", "length(): argument 'value' must be a string, list or map, but got null")]
    public void Length_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("maxBy(" + Nodes + ", 'lastIndex').name", "db2")]
    [InlineData("minBy(" + Nodes + ", 'lastIndex').name", "db1")]
    [InlineData("maxBy(" + Nodes + ", 'stats.lastIndex').name", "db3")]
    [InlineData("minBy(" + Nodes + ", 'stats.lastIndex').name", "db4")]
    [InlineData("maxBy(" + Nodes + ", 'name').address", "10.0.0.4")]
    [InlineData("minBy(" + Nodes + ", 'role').name", "db2")]
    public void MaxBy_and_minBy_return_the_element_first_wins_on_ties(string expression, string expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Fact]
    public void MaxBy_returns_the_whole_element()
    {
        var element = Eval("maxBy(" + Nodes + ", 'lastIndex')").ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>();

        element!["address"].ShouldBe("10.0.0.2");
        element["lastIndex"].ShouldBe(250L);
    }

    [Theory]
    [InlineData("maxBy(steps.inventory.outputs.none, 'x')")]
    [InlineData("minBy(fromJson('[{\"k\": null}]'), 'k')")]
    public void MaxBy_and_minBy_without_candidates_yield_null(string expression)
    {
        Eval(expression).ShouldBeNull();
    }

    [Theory]
    [InlineData("maxBy(" + Nodes + ", 'lastIndx')", "maxBy(): element 0 has no property 'lastIndx' (available: name, address, role, lastIndex, stats)")]
    [InlineData("maxBy(" + Nodes + ", 'name.first')", "maxBy(): cannot read property 'first' of element 0, which is a string")]
    [InlineData("maxBy(" + Nodes + ", 'stats')", "maxBy(): property 'stats' of element 0 is a map; only numbers and strings can be compared")]
    [InlineData("minBy(fromJson('[{\"k\": 1}, {\"k\": \"a\"}]'), 'k')", "minBy(): property 'k' of element 1 is a string and cannot be compared with an int")]
    [InlineData("maxBy(params.labels, 'team')", "maxBy(): argument 'list' must be a list, but got a map")]
    [InlineData("maxBy(params.tags, 'x')", "maxBy(): cannot read property 'x' of element 0, which is a string")]
    [InlineData("maxBy(" + Nodes + ", 1)", "maxBy(): argument 'key' must be a string, but got an int")]
    public void MaxBy_and_minBy_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("max(params.ports)", 6432L)]
    [InlineData("min(params.ports)", 5432L)]
    [InlineData("max(1, 2.5)", 2.5)]
    [InlineData("max(3, 2.5)", 3L)]
    [InlineData("min(3, -2, 7)", -2L)]
    [InlineData("max('b', 'a', 'c')", "c")]
    [InlineData("min(params.tags)", "db")]
    [InlineData("max(steps.inventory.outputs.none)", null)]
    [InlineData("max(5, 5.0)", 5L)]
    public void Max_and_min(string expression, object? expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("max(3)", "max(): argument 'values' must be a list, but got an int")]
    [InlineData("max(1, 'a')", "max(): cannot compare a string with an int")]
    [InlineData("min(1, true)", "min(): argument 2 is a bool; only numbers and strings can be compared")]
    [InlineData("max(fromJson('[1, null]'))", "max(): element 1 is null; only numbers and strings can be compared")]
    [InlineData("min(fromJson('[\"a\", 1]'))", "min(): element 1: cannot compare an int with a string")]
    public void Max_and_min_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Fact]
    public void Pluck_returns_each_elements_property()
    {
        Eval("pluck(" + Nodes + ", 'name')").ShouldBe(List("db1", "db2", "db3", "db4"));
        Eval("pluck(" + Nodes + ", 'stats.lastIndex')").ShouldBe(List(7L, 3L, 9L, 1L));
        Eval("pluck(fromJson('[null, {\"a\": 1}]'), 'a')").ShouldBe(List(null, 1L));
    }

    [Fact]
    public void Pluck_on_a_missing_key_lists_the_available_ones()
    {
        EvalError("pluck(" + Nodes + ", 'nme')").Message
            .ShouldBe("pluck(): element 0 has no property 'nme' (available: name, address, role, lastIndex, stats)");
    }

    [Fact]
    public void Where_filters_by_deep_equality()
    {
        Eval("pluck(where(" + Nodes + ", 'role', 'replica'), 'name')").ShouldBe(List("db1", "db3", "db4"));
        Eval("pluck(where(" + Nodes + ", 'lastIndex', 250.0), 'name')").ShouldBe(List("db2", "db3"));
        Eval("pluck(where(" + Nodes + ", 'lastIndex', null), 'name')").ShouldBe(List("db4"));
        Eval("where(" + Nodes + ", 'role', 'witness')").ShouldBe(List());
    }

    [Fact]
    public void Where_errors()
    {
        EvalError("where(" + Nodes + ", 'rol', 'x')").Message.ShouldStartWith("where(): element 0 has no property 'rol'");
        EvalError("where('abc', 'a', 1)").Message.ShouldBe("where(): argument 'list' must be a list, but got a string");
    }

    [Theory]
    [InlineData("first(params.tags)", "db")]
    [InlineData("last(params.tags)", "primary")]
    [InlineData("first(params.ports)", 5432L)]
    [InlineData("first(steps.inventory.outputs.none)", null)]
    [InlineData("last(steps.inventory.outputs.none)", null)]
    [InlineData("first(" + Nodes + ").name", "db1")]
    public void First_and_last(string expression, object? expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("first('abc')", "first(): argument 'list' must be a list, but got a string")]
    [InlineData("last(params.labels)", "last(): argument 'list' must be a list, but got a map")]
    public void First_and_last_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("lower('ÀbC-1')", "àbc-1")]
    [InlineData("upper('i-x')", "I-X")]
    [InlineData("trim('  a b \\t')", "a b \\t")]
    [InlineData("trim(\" a b \\t\\n\")", "a b")]
    public void Case_and_trim(string expression, string expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("lower(1)", "lower(): argument 'text' must be a string, but got an int")]
    [InlineData("upper(params.tags)", "upper(): argument 'text' must be a string, but got a list")]
    [InlineData("trim(null)", "trim(): argument 'text' must be a string, but got null")]
    public void Case_and_trim_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Fact]
    public void Split()
    {
        Eval("split('a,b,,c', ',')").ShouldBe(List("a", "b", string.Empty, "c"));
        Eval("split('a::b', '::')").ShouldBe(List("a", "b"));
        Eval("split('', ',')").ShouldBe(List(string.Empty));
    }

    [Fact]
    public void Split_errors()
    {
        var error = EvalError("split('abc', '')");

        error.Message.ShouldBe("split(): separator must not be empty");
        error.Offset.ShouldBe(13);
        EvalError("split(1, ',')").Message.ShouldBe("split(): argument 'text' must be a string, but got an int");
    }

    [Theory]
    [InlineData("coalesce(null, 'b')", "b")]
    [InlineData("coalesce(steps.skipped.outputs.address, steps.find-latest.outputs.address)", "10.0.0.7")]
    [InlineData("coalesce(null, null, null)", null)]
    [InlineData("coalesce(false, true)", false)]
    [InlineData("coalesce('', 'x')", "")]
    public void Coalesce_returns_the_first_non_null(string expression, object? expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Fact]
    public void Coalesce_evaluates_all_arguments_so_typos_are_still_reported()
    {
        EvalError("coalesce('a', params.adress)").Message.ShouldStartWith("'params' has no property 'adress'");
    }

    [Fact]
    public void ToJson_is_compact()
    {
        Eval("toJson(params.labels)").ShouldBe("{\"team\":\"sre\",\"tier\":\"gold\"}");
        Eval("toJson(fromJson(params.json))").ShouldBe("{\"a\":[1,2.5,\"x\"],\"b\":{\"c\":null,\"d\":true}}");
        Eval("toJson('say \"hi\"\\n')").ShouldBe("\"say \\\"hi\\\"\\\\n\"");
        Eval("toJson(null)").ShouldBe("null");
        Eval("toJson(params.ratio)").ShouldBe("1.5");
    }

    [Fact]
    public void FromJson_maps_onto_the_value_model()
    {
        var value = Eval("fromJson(params.json)").ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>();

        value!["a"].ShouldBe(List(1L, 2.5, "x"));
        var b = value["b"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>();
        b!["c"].ShouldBeNull();
        b["d"].ShouldBe(true);
        Eval("fromJson('\"x\"')").ShouldBe("x");
        Eval("fromJson(' 12 ')").ShouldBe(12L);
    }

    [Fact]
    public void FromJson_errors()
    {
        EvalError("fromJson('{nope')").Message.ShouldStartWith("fromJson(): argument is not valid JSON: ");
        EvalError("fromJson(1)").Message.ShouldBe("fromJson(): argument 'text' must be a string, but got an int");
    }

    [Fact]
    public void Keys_in_map_order()
    {
        Eval("keys(params.labels)").ShouldBe(List("team", "tier"));
        Eval("keys(fromJson('{}'))").ShouldBe(List());
        EvalError("keys(params.tags)").Message.ShouldBe("keys(): argument 'map' must be a map, but got a list");
    }

    [Theory]
    [InlineData("int('42')", 42L)]
    [InlineData("int(' -7 ')", -7L)]
    [InlineData("int('+3')", 3L)]
    [InlineData("int('3.0')", 3L)]
    [InlineData("int(3.0)", 3L)]
    [InlineData("int(-12)", -12L)]
    [InlineData("int(fromJson('1e3'))", 1000L)]
    public void Int_conversions(string expression, long expected)
    {
        Eval(expression).ShouldBe(expected);
    }

    [Theory]
    [InlineData("int(3.5)", "int(): 3.5 is not an integer")]
    [InlineData("int('3.5')", "int(): '3.5' is not an integer")]
    [InlineData("int('abc')", "int(): 'abc' is not an integer")]
    [InlineData("int('')", "int(): '' is not an integer")]
    [InlineData("int('99999999999999999999')", "int(): '99999999999999999999' is not an integer")]
    [InlineData("int(true)", "int(): argument 'value' must be a string or number, but got a bool")]
    [InlineData("int(null)", "int(): argument 'value' must be a string or number, but got null")]
    public void Int_errors(string expression, string message)
    {
        EvalError(expression).Message.ShouldBe(message);
    }

    [Fact]
    public void Int_error_quotes_long_input_only_partially()
    {
        var text = new string('x', 100);

        EvalError($"int('{text}')").Message.ShouldBe($"int(): '{new string('x', 40)}...' is not an integer");
    }

    [Theory]
    [InlineData("string(42)", "42")]
    [InlineData("string(-1.25)", "-1.25")]
    [InlineData("string(true)", "true")]
    [InlineData("string(null)", "")]
    [InlineData("string('s')", "s")]
    [InlineData("string(params.tags)", "[\"db\",\"primary\"]")]
    public void String_conversion(string expression, string expected)
    {
        Eval(expression).ShouldBe(expected);
    }
}
