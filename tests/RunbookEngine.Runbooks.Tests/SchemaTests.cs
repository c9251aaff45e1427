using System.Text.Json.Nodes;
using RunbookEngine.Core.Tests.Schema;
using RunbookEngine.Diagnostics;
using RunbookEngine.Schema;
using RunbookEngine.Syntax;

namespace RunbookEngine.Runbooks.Tests;

/// <summary>schemas/runbook.schema.json is what the generator produces, is a valid schema, and accepts the catalog.</summary>
public sealed class SchemaTests
{
    private static readonly Lazy<JsonSchemaValidator> Validator = new(() => JsonSchemaValidator.Parse(File.ReadAllText(Repository.SchemaPath)));

    private static JsonNode? Json(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlSyntaxReader.Read(new SourceText("test.yaml", yaml), diagnostics);
        diagnostics.ShouldBeEmpty();
        return YamlJson.ToJson(root.ShouldNotBeNull());
    }

    private static IReadOnlyList<SchemaError> Validate(string yaml) => Validator.Value.Validate(Json(yaml));

    private static string Text(IReadOnlyList<SchemaError> errors) => string.Join(Environment.NewLine, errors);

    [Fact]
    public void Committed_schema_is_the_generated_one()
    {
        File.Exists(Repository.SchemaPath).ShouldBeTrue(Repository.SchemaPath);
        var committed = File.ReadAllText(Repository.SchemaPath).ReplaceLineEndings("\n");
        var generated = SchemaGenerator.GenerateText(Repository.Activities);

        committed.ShouldBe(generated, "schemas/runbook.schema.json is stale: run `dotnet run --project src/RunbookEngine.Cli -- schema > schemas/runbook.schema.json`");
    }

    [Fact]
    public void Schema_is_accepted_by_the_strict_validator()
    {
        Should.NotThrow(() => Validator.Value);
        var schema = JsonNode.Parse(File.ReadAllText(Repository.SchemaPath))!.AsObject();
        schema["$schema"]!.GetValue<string>().ShouldBe(JsonSchemaValidator.Draft202012);
    }

    [Fact]
    public void Every_catalog_runbook_validates_against_the_schema()
    {
        var files = Repository.RunbookFiles().ToList();
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var errors = Validate(File.ReadAllText(file));
            errors.ShouldBeEmpty($"{file}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }

    private const string Base = """
        apiVersion: runbook/v1
        kind: Runbook
        metadata: { name: demo/example, version: 1.0.0, title: Example }
        steps:
          - id: wait
            uses: net.wait-port
            with:
              address: "127.0.0.1:9001"
        """;

    [Fact]
    public void Minimal_runbook_is_valid()
    {
        Validate(Base).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("      timeout: soon", "/steps/0/with/timeout")]
    [InlineData("      adress: x", "adress")]
    public void Activity_inputs_are_checked_through_uses(string line, string instancePath)
    {
        var errors = Validate(Base + "\n" + line + "\n");

        // The error surfaces as 'with' matching neither the activity's inputs nor an expression; it names the input.
        errors.ShouldNotBeEmpty();
        Text(errors).ShouldContain(instancePath);
    }

    [Fact]
    public void Integer_input_rejects_a_string_but_accepts_an_expression()
    {
        const string exec = """
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: demo/example, version: 1.0.0, title: Example }
            steps:
              - id: run
                uses: exec
                with:
                  command: [/bin/true]
                  expectedExitCodes: [EXPECTED]
            """;

        Validate(exec.Replace("EXPECTED", "0", StringComparison.Ordinal)).ShouldBeEmpty();
        Validate(exec.Replace("EXPECTED", "\"${{ 1 }}\"", StringComparison.Ordinal)).ShouldBeEmpty();
        Text(Validate(exec.Replace("EXPECTED", "abc", StringComparison.Ordinal))).ShouldContain("/steps/0/with/expectedExitCodes/0: expected integer");
    }

    [Fact]
    public void Required_input_is_required()
    {
        Text(Validate(Base.Replace("address: \"127.0.0.1:9001\"", "timeout: 5s", StringComparison.Ordinal))).ShouldContain("address");
    }

    [Theory]
    [InlineData("timout: 5m")]
    [InlineData("parallel: many")]
    [InlineData("retry: 3")]
    [InlineData("onFailure: retry")]
    public void Document_keys_are_closed_and_typed(string line)
    {
        Validate(Base + "\n    " + line + "\n").ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("uses: net.wait-prot")]
    [InlineData("uses: runbook:Bad/Name")]
    public void Uses_names_an_activity_or_a_runbook(string line)
    {
        Validate(Base.Replace("uses: net.wait-port", line, StringComparison.Ordinal)).ShouldNotBeEmpty();
    }

    [Fact]
    public void Runbook_calls_are_accepted()
    {
        Validate(Base.Replace("uses: net.wait-port\n    with:\n      address: \"127.0.0.1:9001\"", "uses: runbook:examples/preflight@1.0.0\n    with: { nodes: [] }", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Theory]
    [InlineData("apiVersion: runbook/v1", "apiVersion: runbook/v2")]
    [InlineData("name: demo/example", "name: Demo")]
    [InlineData("version: 1.0.0", "version: 1.0")]
    [InlineData("title: Example", "titel: Example")]
    public void Metadata_is_checked(string from, string to)
    {
        Validate(Base.Replace(from, to, StringComparison.Ordinal)).ShouldNotBeEmpty();
    }
}
