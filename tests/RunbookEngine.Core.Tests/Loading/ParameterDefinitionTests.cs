using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Loading;

/// <summary>Declarations under types: and parameters: (RB03xx).</summary>
public sealed class ParameterDefinitionTests
{
    private const string Steps = """
        steps:
          - id: a
            uses: test.noop
        """;

    private static LoadResult Load(string parameters, string? types = null) =>
        Runbooks.LoadBody((types is null ? string.Empty : "types:\n" + types + "\n") + "parameters:\n" + parameters + "\n" + Steps);

    [Theory]
    [InlineData("1st")]
    [InlineData("a.b")]
    [InlineData("has space")]
    public void Parameter_names_must_be_identifiers(string name)
    {
        Load($"  '{name}': {{ type: string }}").Codes().ShouldBe(["RB0301"]);
    }

    [Fact]
    public void Unknown_type_suggests_the_closest()
    {
        var diagnostic = Load("  port: { type: itn }").Single(DiagnosticCodes.UnknownParameterType);

        diagnostic.Message.ShouldBe("unknown type 'itn'");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'int'?");
        diagnostic.YamlPath.ShouldBe("parameters.port.type");
    }

    [Fact]
    public void Named_types_are_offered_in_the_unknown_type_hint()
    {
        Load("  n: { type: nod }", "  node:\n    properties: { a: { type: string } }").Single(DiagnosticCodes.UnknownParameterType)
            .Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'node'?");
    }

    [Theory]
    [InlineData("{ type: int, default: abc }", "the default of 'p' must be an int, found 'abc'")]
    [InlineData("{ type: int, default: 1.5 }", "the default of 'p' must be an int, found '1.5'")]
    [InlineData("{ type: bool, default: yes }", "the default of 'p' must be a bool, found 'yes'")]
    [InlineData("{ type: duration, default: 5 minutes }", "the default of 'p' must be a duration, found '5 minutes'")]
    [InlineData("{ type: int, min: 10, default: 5 }", "the default of 'p' has 5; the minimum is 10")]
    [InlineData("{ type: int, max: 10, default: 50 }", "the default of 'p' has 50; the maximum is 10")]
    [InlineData("{ type: string, pattern: '[a-z]+', default: ABC }", "the default of 'p': 'ABC' does not match the pattern [a-z]+")]
    [InlineData("{ type: enum, values: [a, b], default: c }", "the default of 'p' is 'c', which is not one of its values")]
    [InlineData("{ type: string, values: [a, b], default: c }", "the default of 'p' is 'c', which is not one of its allowed values")]
    [InlineData("{ type: list, default: x }", "the default of 'p' must be a list<string>, found 'x'")]
    [InlineData("{ type: list, min: 2, default: [x] }", "the default of 'p' has 1 items; the minimum is 2")]
    [InlineData("{ type: object, properties: { a: { type: int } }, default: { b: 1 } }", "the default of 'p' has no field 'b'")]
    [InlineData("{ type: object, properties: { a: { type: int, required: true } }, default: {} }", "the default of 'p' is missing its required field 'a'")]
    [InlineData("{ type: string, default: ~ }", "the default of 'p' must be a string, found nothing")]
    public void Default_must_match_the_parameter(string spec, string message)
    {
        var result = Load("  p: " + spec);

        var diagnostic = result.Single(DiagnosticCodes.DefaultDoesNotMatchType);
        diagnostic.Message.ShouldBe(message);
        result.Codes().ShouldBe(["RB0303"]);
    }

    [Fact]
    public void Secret_parameter_may_not_have_a_default()
    {
        var result = Load("  password: { type: secret, default: hunter2 }");

        var diagnostic = result.Single(DiagnosticCodes.DefaultDoesNotMatchType);
        diagnostic.Message.ShouldBe("secret parameter 'password' has a default in the runbook");
        diagnostic.Message.ShouldNotContain("hunter2");
        diagnostic.Hint.ShouldNotBeNull().ShouldNotContain("hunter2");
    }

    [Fact]
    public void Enum_needs_values()
    {
        Load("  mode: { type: enum }").Codes().ShouldBe(["RB0304"]);
        Load("  mode: { type: enum, values: [] }").Codes().ShouldBe(["RB0107", "RB0304"], ignoreOrder: true);
    }

    [Fact]
    public void Enum_values_may_be_numbers_and_defaults_keep_their_type()
    {
        var runbook = Runbooks.ValidBody("parameters:\n  size: { type: enum, values: [1, 2, large], default: 2 }\n" + Steps);

        runbook.Parameters[0].Default.ShouldBe(2L);
        runbook.Parameters[0].Type.AllowedValues.ShouldBe([1L, 2L, "large"]);
    }

    [Fact]
    public void Pattern_must_be_a_valid_regular_expression()
    {
        var diagnostic = Load("  p: { type: string, pattern: '[a-' }").Single(DiagnosticCodes.InvalidPattern);

        diagnostic.YamlPath.ShouldBe("parameters.p.pattern");
    }

    [Fact]
    public void Required_with_default_is_a_warning_at_required()
    {
        var result = Load("  p: { type: int, required: true, default: 1 }");

        var diagnostic = result.Single(DiagnosticCodes.RequiredWithDefault);
        diagnostic.IsError.ShouldBeFalse();
        diagnostic.Span.Column.ShouldBe(19);
        result.Runbook.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("{ type: int, pattern: '[0-9]+' }", "pattern")]
    [InlineData("{ type: string, min: 1 }", "min")]
    [InlineData("{ type: bool, max: 1 }", "max")]
    [InlineData("{ type: string, items: int }", "items")]
    [InlineData("{ type: bool, values: [true] }", "values")]
    [InlineData("{ type: list, properties: { a: { type: int } } }", "properties")]
    [InlineData("{ type: node, properties: { a: { type: int } } }", "properties")]
    public void Constraints_apply_only_to_some_types(string spec, string key)
    {
        var diagnostic = Load("  p: " + spec, "  node:\n    properties: { a: { type: string } }").Single(DiagnosticCodes.ConstraintNotApplicable);

        diagnostic.Message.ShouldStartWith($"'{key}' does not apply");
        diagnostic.YamlPath.ShouldBe("parameters.p." + key);
    }

    [Theory]
    [InlineData("string", "has the name of a built-in type")]
    [InlineData("list", "has the name of a built-in type")]
    [InlineData("my.type", "is not a valid type name")]
    public void Type_names_must_be_new_identifiers(string name, string message)
    {
        var diagnostic = Load("  p: { type: int }", $"  '{name}':\n    properties: {{ a: {{ type: int }} }}").Single(DiagnosticCodes.InvalidTypeDefinition);

        diagnostic.Message.ShouldContain(message);
    }

    [Fact]
    public void Type_that_contains_itself_is_reported()
    {
        var result = Load("  p: { type: node }", "  node:\n    properties:\n      child: { type: node }");

        var diagnostic = result.Single(DiagnosticCodes.RecursiveType);
        diagnostic.Message.ShouldBe("type 'node' contains itself");
        diagnostic.YamlPath.ShouldBe("types.node.properties.child.type");
    }

    [Fact]
    public void Mutually_recursive_types_are_reported_once()
    {
        var result = Load("  p: { type: a }", """
              a:
                properties: { b: { type: b } }
              b:
                properties: { a: { type: list, items: a } }
            """);

        result.Codes().ShouldBe(["RB0309"]);
    }

    [Fact]
    public void Items_may_be_a_type_name_or_a_full_definition()
    {
        var runbook = Runbooks.ValidBody("""
            types:
              node:
                properties:
                  id: { type: int }
            parameters:
              byName: { type: list, items: node }
              inline: { type: list, items: { type: int, min: 1 } }
              nested: { type: list, items: { type: list, items: string } }
              plain: { type: list }
            """ + "\n" + Steps);

        runbook.FindParameter("byName")!.Type.Items!.TypeName.ShouldBe("node");
        runbook.FindParameter("inline")!.Type.Items.ShouldBe(new ParameterType(ParameterKind.Int) { Min = 1 });
        runbook.FindParameter("nested")!.Type.DisplayName.ShouldBe("list<list<string>>");
        runbook.FindParameter("plain")!.Type.Items.ShouldBe(new ParameterType(ParameterKind.String));
    }

    [Fact]
    public void Object_fields_are_declared_like_parameters()
    {
        var runbook = Runbooks.ValidBody("""
            parameters:
              target:
                type: object
                properties:
                  host: { type: string, required: true }
                  port: { type: int, default: 5432 }
                default: { host: db1 }
            """ + "\n" + Steps);

        var target = runbook.Parameters.ShouldHaveSingleItem();
        target.Type.Properties!.Select(p => p.Name).ShouldBe(["host", "port"]);
        target.Default.ShouldBe(new Dictionary<string, object?> { ["host"] = "db1", ["port"] = 5432L });
    }

    [Fact]
    public void Field_names_follow_the_parameter_name_rule()
    {
        Load("  p: { type: object, properties: { 'bad name': { type: int } } }").Single(DiagnosticCodes.InvalidParameterName)
            .Message.ShouldBe("'bad name' is not a valid field name");
    }
}
