using System.Text.Json.Nodes;
using RunbookEngine.Core.Tests.Loading;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Schema;
using RunbookEngine.Syntax;

namespace RunbookEngine.Core.Tests.Schema;

public sealed class SchemaGeneratorTests
{
    private static readonly JsonSchemaValidator Validator = new(SchemaGenerator.Generate(TestActivities.Catalog));

    private static IReadOnlyList<SchemaError> Validate(string yaml) => Validator.Validate(YamlJson.ToJson(Runbooks.Mapping(yaml)));

    private static string Text(IEnumerable<SchemaError> errors) => string.Join(Environment.NewLine, errors);

    private const string Probe = """
        apiVersion: runbook/v1
        kind: Runbook
        metadata: { name: test/sample, version: 1.0.0, title: T }
        steps:
          - id: p
            uses: test.probe
            with: WITH
        """;

    [Fact]
    public void Text_is_stable_indented_json_ending_in_one_newline()
    {
        var text = SchemaGenerator.GenerateText(TestActivities.Catalog);

        text.ShouldBe(SchemaGenerator.GenerateText(TestActivities.Catalog));
        text.ShouldEndWith("}\n");
        text.ShouldNotContain("\r");
        text.ShouldContain("\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n");
        JsonNode.Parse(text).ShouldNotBeNull();
    }

    [Fact]
    public void Every_activity_has_a_definition_and_a_rule_tying_with_to_uses()
    {
        var schema = SchemaGenerator.Generate(TestActivities.Catalog);
        var defs = schema["$defs"]!.AsObject();
        var step = defs["step"]!.AsObject();

        foreach (var activity in TestActivities.Catalog.All)
        {
            defs.ContainsKey("activity." + activity.Name).ShouldBeTrue(activity.Name);
        }

        var rules = step["allOf"]!.AsArray();
        rules.Count.ShouldBe(TestActivities.Catalog.All.Count);
        rules.Select(r => r!["if"]!["properties"]!["uses"]!["const"]!.GetValue<string>()).ShouldBe(TestActivities.Catalog.All.Select(a => a.Name));
        step["properties"]!["uses"]!["anyOf"]![0]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["test.echo", "test.noop", "test.probe"]);
    }

    [Fact]
    public void Runbook_the_loader_accepts_is_valid_against_the_schema()
    {
        Runbooks.Valid(RunbookLoaderTests.Full);

        var errors = Validate(RunbookLoaderTests.Full);

        errors.ShouldBeEmpty(Text(errors));
    }

    [Theory]
    [InlineData("{ address: a, port: 1 }")]
    [InlineData("{ address: a, port: \"${{ params.port }}\" }")]
    public void Valid_inputs_pass(string with)
    {
        Validate(Probe.Replace("WITH", with, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{ address: a, port: abc }", "/steps/0/with/port")]
    [InlineData("{ address: a, port: 1.5 }", "/steps/0/with/port")]
    [InlineData("{ address: a, port: 1, extra: 1 }", "extra")]
    [InlineData("{ port: 1 }", "address")]
    [InlineData("[a, 1]", "/steps/0/with")]
    [InlineData("\"${{ params.inputs }}\"", "/steps/0/with")]
    public void Invalid_inputs_fail(string with, string mentioned)
    {
        var errors = Validate(Probe.Replace("WITH", with, StringComparison.Ordinal));

        errors.ShouldNotBeEmpty();
        Text(errors).ShouldContain(mentioned);
    }

    [Fact]
    public void Inputs_of_one_activity_are_not_accepted_for_another()
    {
        Validate(Probe.Replace("test.probe", "test.echo", StringComparison.Ordinal).Replace("WITH", "{ address: a, port: 1 }", StringComparison.Ordinal))
            .ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("kind: Workflow")]
    [InlineData("extra: 1")]
    public void Document_is_closed(string line)
    {
        Validate(Probe.Replace("WITH", "{ address: a, port: 1 }", StringComparison.Ordinal).Replace("kind: Runbook", line == "extra: 1" ? "kind: Runbook\nextra: 1" : line, StringComparison.Ordinal))
            .ShouldNotBeEmpty();
    }

    [Fact]
    public void Descriptions_of_fields_reach_the_schema()
    {
        var schema = SchemaGenerator.Generate(TestActivities.Catalog);

        schema["$defs"]!["activity.test.echo"]!["anyOf"]![0]!["properties"]!["message"]!["description"]!.GetValue<string>().ShouldBe("The message.");
        schema["properties"]!["steps"]!["description"]!.GetValue<string>().ShouldBe("The procedure, in order.");
    }
}
