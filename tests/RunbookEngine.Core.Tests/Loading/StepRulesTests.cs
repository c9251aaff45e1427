using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;

namespace RunbookEngine.Core.Tests.Loading;

/// <summary>Steps and their activity inputs (RB04xx), and value errors the step builder reports.</summary>
public sealed class StepRulesTests
{
    private static LoadResult Steps(string steps, string? rest = null) => Runbooks.LoadBody("steps:\n" + steps + "\n" + (rest ?? string.Empty));

    [Fact]
    public void Step_ids_are_unique_across_groups_and_compensations()
    {
        var result = Steps("""
              - id: a
                uses: test.noop
              - id: g
                steps:
                  - id: a
                    uses: test.noop
            """, """
            compensations:
              - id: g
                uses: test.noop
            """);

        var duplicates = result.Diagnostics.Where(d => d.Code == "RB0401").ToList();
        duplicates.Select(d => d.YamlPath).ShouldBe(["steps[1].steps[0].id", "compensations[0].id"], ignoreOrder: true);
        duplicates.Single(d => d.YamlPath == "steps[1].steps[0].id").Message.ShouldBe("step id 'a' is already used by the step at line 8");
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("find.latest")]
    [InlineData("'a b'")]
    public void Step_ids_must_be_identifiers(string id)
    {
        Steps($"""
              - id: {id}
                uses: test.noop
            """).Codes().ShouldBe(["RB0402"]);
    }

    [Fact]
    public void Step_without_id_is_a_missing_key()
    {
        Steps("  - uses: test.noop").Codes().ShouldBe(["RB0102"]);
    }

    [Theory]
    [InlineData("  - id: a\n    title: nothing", "has neither 'uses' nor 'steps'")]
    [InlineData("  - id: a\n    uses: test.noop\n    steps:\n      - id: b\n        uses: test.noop", "has both 'uses' and 'steps'")]
    public void Step_needs_exactly_one_of_uses_and_steps(string yaml, string message)
    {
        Steps(yaml).Single(DiagnosticCodes.StepKindAmbiguous).Message.ShouldBe($"step 'a' {message}");
    }

    [Fact]
    public void Unknown_activity_suggests_the_closest()
    {
        var diagnostic = Steps("  - id: a\n    uses: test.ecoh").Single(DiagnosticCodes.UnknownActivity);

        diagnostic.Message.ShouldBe("unknown activity 'test.ecoh'");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'test.echo'?");
        diagnostic.YamlPath.ShouldBe("steps[0].uses");
    }

    [Fact]
    public void Required_inputs_are_reported_with_or_without_with()
    {
        Steps("  - id: a\n    uses: test.probe").Diagnostics.Where(d => d.Code == "RB0405").Select(d => d.Message)
            .ShouldBe(["activity 'test.probe' needs input 'address'", "activity 'test.probe' needs input 'port'"], ignoreOrder: true);
        Steps("  - id: a\n    uses: test.probe\n    with: { port: 1 }").Single(DiagnosticCodes.MissingInput)
            .Message.ShouldBe("missing required input 'address' in steps[0].with");
    }

    [Fact]
    public void A_misspelt_required_input_is_one_error_not_two()
    {
        // 'adress' is unknown and suggests 'address', so 'address' is not also reported missing; 'port' still is.
        var codes = Steps("  - id: a\n    uses: test.probe\n    with: { adress: h }").Diagnostics.Select(d => (d.Code, d.Message)).ToList();

        codes.ShouldBe([("RB0405", "missing required input 'port' in steps[0].with"), ("RB0406", "unknown input 'adress' in steps[0].with")], ignoreOrder: true);
    }

    [Fact]
    public void An_unknown_input_that_resembles_no_required_one_leaves_the_missing_one_reported()
    {
        var codes = Steps("  - id: a\n    uses: test.probe\n    with: { port: 1, zzz: 2 }").Diagnostics.Select(d => d.Code).ToList();

        codes.ShouldBe(["RB0405", "RB0406"], ignoreOrder: true);
    }

    [Fact]
    public void An_empty_with_still_reports_the_required_inputs_and_a_list_with_only_its_shape()
    {
        Steps("  - id: a\n    uses: test.probe\n    with:").Diagnostics.Where(d => d.Code == "RB0405").Count().ShouldBe(2);
        Steps("  - id: a\n    uses: test.probe\n    with: [address, port]").Diagnostics.Select(d => d.Code).ShouldBe(["RB0103"]);
    }

    [Fact]
    public void A_foreach_with_a_broken_expression_is_one_error_and_its_item_is_still_in_scope()
    {
        var codes = Steps("  - id: a\n    foreach: ${{ [1, 2] }}\n    uses: test.echo\n    with: { message: \"${{ item }}\" }").Diagnostics.Select(d => d.Code).ToList();

        codes.ShouldBe(["RB0501"]);
    }

    [Fact]
    public void Unknown_input_suggests_the_closest()
    {
        var diagnostic = Steps("  - id: a\n    uses: test.echo\n    with: { message: hi, prot: 1 }").Single(DiagnosticCodes.UnknownInput);

        diagnostic.Message.ShouldBe("unknown input 'prot' in steps[0].with");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'port'?");
    }

    [Theory]
    [InlineData("port: abc", "'port' must be an integer, found a string ('abc')")]
    [InlineData("port: '80'", "'port' must be an integer, found a string ('80')")]
    [InlineData("port: 1.5", "'port' must be an integer, found a number ('1.5')")]
    [InlineData("loud: yes", "'loud' must be true or false, found a string ('yes')")]
    [InlineData("tags: x", "'tags' must be a list, found a string ('x')")]
    [InlineData("mode: upper", "'mode' is 'upper'; expected one of 'plain', 'upperCase'")]
    [InlineData("wait: 5 minutes", "'wait' must be a duration, found '5 minutes'")]
    [InlineData("message: ~", "'message' must be a string, found nothing")]
    public void Literal_inputs_must_fit_the_input_type(string input, string message)
    {
        var yaml = $"  - id: a\n    uses: test.echo\n    with:\n      {(input.StartsWith("message", StringComparison.Ordinal) ? string.Empty : "message: hi\n      ")}{input}";

        Steps(yaml).Single(DiagnosticCodes.InputTypeMismatch).Message.ShouldBe(message);
    }

    [Fact]
    public void Enum_input_mismatch_suggests_the_closest_value()
    {
        Steps("  - id: a\n    uses: test.echo\n    with: { message: hi, mode: uppercase }").Single(DiagnosticCodes.InputTypeMismatch)
            .Hint.ShouldBe("did you mean 'upperCase'?");
    }

    [Fact]
    public void Inputs_holding_expressions_are_checked_by_kind_not_by_shape()
    {
        Runbooks.ValidBody("""
            parameters:
              port: { type: int, default: 1 }
              wait: { type: duration, default: 5s }
              tags: { type: list, default: [a, b] }
            steps:
              - id: a
                uses: test.echo
                with:
                  message: port ${{ params.port }}
                  port: ${{ params.port }}
                  wait: ${{ params.wait }}
                  tags: ${{ params.tags }}
            """);
    }

    [Theory]
    [InlineData("timeout: 0s")]
    [InlineData("timeout: soon")]
    [InlineData("timeout: 1.5s")]
    [InlineData("retry: { attempts: 2, backoff: 0ms }")]
    [InlineData("retry: { attempts: 2, max: forever }")]
    public void Durations_must_be_valid_and_positive(string line)
    {
        Steps($"  - id: a\n    uses: test.noop\n    {line}").Codes().ShouldBe(["RB0408"]);
    }

    [Theory]
    [InlineData("{ attempts: 0 }", "retry attempts must be between 1 and 100, found 0")]
    [InlineData("{ attempts: 101 }", "retry attempts must be between 1 and 100, found 101")]
    [InlineData("{ attempts: 2, factor: 0.5 }", "retry factor must be at least 1, found 0.5")]
    [InlineData("{ attempts: 2, backoff: 10s, max: 5s }", "retry max (5s) is shorter than backoff (10s)")]
    public void Retry_policy_must_make_sense(string retry, string message)
    {
        Steps($"  - id: a\n    uses: test.noop\n    retry: {retry}").Single(DiagnosticCodes.InvalidRetry).Message.ShouldBe(message);
    }

    [Fact]
    public void Parallel_needs_foreach()
    {
        Steps("  - id: a\n    uses: test.noop\n    parallel: 2").Codes().ShouldBe(["RB0410"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1025")]
    public void Parallel_limit_must_be_in_range(string value)
    {
        Steps($"  - id: a\n    uses: test.noop\n    foreach: [1]\n    parallel: {value}").Codes().ShouldBe(["RB0412"]);
    }

    [Theory]
    [InlineData("false", 1)]
    [InlineData("1", 1)]
    [InlineData("1024", 1024)]
    public void Parallel_limits_are_read(string value, int expected)
    {
        Runbooks.ValidBody($"steps:\n  - id: a\n    uses: test.noop\n    foreach: [1]\n    parallel: {value}\n").Steps[0].Parallel.ShouldBe(expected);
    }

    [Fact]
    public void Compensations_must_exist()
    {
        var result = Steps("  - id: a\n    uses: test.noop\n    onFailure: { compensate: [undo, rollbak] }", "compensations:\n  - id: rollback\n    uses: test.noop\n");

        result.Codes().ShouldBe(["RB0411", "RB0411"]);
        result.Diagnostics[0].Message.ShouldBe("'undo' is not a step under 'compensations'");
        result.Diagnostics[0].YamlPath.ShouldBe("steps[0].onFailure.compensate[0]");
        result.Diagnostics.Single(d => d.Message.Contains("rollbak", StringComparison.Ordinal)).Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'rollback'?");
        Steps("  - id: a\n    uses: test.noop\n    onFailure: { compensate: [undo] }").Single(DiagnosticCodes.UnknownCompensation)
            .Hint.ShouldBe("declare it under a top-level 'compensations:' list");
    }

    [Fact]
    public void Main_steps_are_not_compensations()
    {
        Steps("  - id: a\n    uses: test.noop\n  - id: b\n    uses: test.noop\n    onFailure: { compensate: [a] }").Codes().ShouldBe(["RB0411"]);
    }

    [Fact]
    public void With_on_a_group_is_reported()
    {
        Steps("  - id: g\n    with: { message: hi }\n    steps:\n      - id: a\n        uses: test.noop").Codes().ShouldBe(["RB0413"]);
    }

    [Theory]
    [InlineData("when: params.enabled", "'when' must be a single expression, found 'params.enabled'")]
    [InlineData("when: \"${{ true }} and more\"", "'when' must be a single expression, found '${{ true }} and more'")]
    [InlineData("foreach: params.nodes", "'foreach' must be a single expression, found 'params.nodes'")]
    [InlineData("onFailure: contine", "onFailure is 'contine'; expected 'fail', 'continue' or {compensate: [step ids]}")]
    public void Plain_words_where_an_expression_or_keyword_belongs_are_reported(string line, string message)
    {
        Steps($"  - id: a\n    uses: test.noop\n    {line}").Single(DiagnosticCodes.InvalidValue).Message.ShouldBe(message);
    }

    [Fact]
    public void Forgotten_braces_get_the_fix_as_a_hint()
    {
        Steps("  - id: a\n    uses: test.noop\n    when: params.enabled").Single(DiagnosticCodes.InvalidValue).Hint.ShouldBe("write when: ${{ params.enabled }} (or true/false)");
        Steps("  - id: a\n    uses: test.noop\n    onFailure: contine").Single(DiagnosticCodes.InvalidValue).Hint.ShouldBe("did you mean 'continue'?");
    }

    [Fact]
    public void Step_output_names_must_be_identifiers()
    {
        Steps("  - id: a\n    uses: test.echo\n    with: { message: hi }\n    outputs:\n      'x.y': ${{ result.text }}").Codes().ShouldBe(["RB0104"]);
    }

    [Fact]
    public void Expression_syntax_errors_point_into_the_scalar()
    {
        var diagnostic = Steps("  - id: a\n    uses: test.echo\n    with:\n      message: \"x ${{ params. }}\"").Single(DiagnosticCodes.ExpressionSyntax);

        diagnostic.YamlPath.ShouldBe("steps[0].with.message");
        diagnostic.Span.Line.ShouldBe(11);
        // The value starts at column 16 (after the quote); the error lies inside the expression, not at the quote.
        diagnostic.Span.Column.ShouldBeGreaterThan(19);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_one_load()
    {
        var result = Steps("""
              - id: a
                uses: test.nope
              - id: a
                uses: test.noop
                timeout: never
              - id: c
                uses: test.echo
                with: { message: "${{ params.missing }}", bogus: 1 }
            """);

        result.Codes().ShouldBe(["RB0404", "RB0401", "RB0408", "RB0406", "RB0502"], ignoreOrder: true);
    }
}
