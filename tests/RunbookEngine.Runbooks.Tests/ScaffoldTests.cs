using System.Reflection;
using RunbookEngine.Diagnostics;
using RunbookEngine.Syntax;

namespace RunbookEngine.Runbooks.Tests;

/// <summary>What 'runbook new' writes is a valid runbook, and its example parameters bind.</summary>
public sealed class ScaffoldTests
{
    private static readonly Type Scaffold =
        Assembly.Load("runbook").GetType("RunbookEngine.Cli.Output.Scaffold", throwOnError: true)!;

    private static string Invoke(string method, string name) =>
        (string)Scaffold.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [name])!;

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => $"{d} hint: {d.Hint}"));

    [Fact]
    public void Scaffolded_runbook_loads_without_diagnostics()
    {
        var text = Invoke("Runbook", "demo/sample");

        var result = Repository.Catalog.Loader.Load(new SourceText("runbooks/demo/sample.yaml", text));

        result.Diagnostics.ShouldBeEmpty(Describe(result.Diagnostics));
        var runbook = result.Runbook.ShouldNotBeNull();
        runbook.Name.ShouldBe("demo/sample");
        runbook.Metadata.Source.ShouldNotBeNull();
    }

    [Fact]
    public void Scaffolded_runbook_validates_against_the_schema()
    {
        var text = Invoke("Runbook", "demo/sample");
        var diagnostics = new DiagnosticBag();
        var root = YamlSyntaxReader.Read(new SourceText("sample.yaml", text), diagnostics).ShouldNotBeNull();

        var errors = RunbookEngine.Core.Tests.Schema.JsonSchemaValidator.Parse(File.ReadAllText(Repository.SchemaPath)).Validate(YamlJson.ToJson(root));

        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Scaffolded_test_binds_the_parameters_it_shows()
    {
        var runbook = Repository.Catalog.Loader.Load(new SourceText("sample.yaml", Invoke("Runbook", "demo/sample"))).Runbook.ShouldNotBeNull();
        var test = Invoke("Test", "demo/sample");
        const string marker = "CatalogFixture.Bind(Name, \"";
        var start = test.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var assignment = test[start..test.IndexOf("\");", start, StringComparison.Ordinal)];

        var bound = RunbookEngine.Parameters.ParameterBinder.Bind(runbook, [assignment], null);

        bound.Diagnostics.ShouldBeEmpty(Describe(bound.Diagnostics));
        test.ShouldContain("public sealed class DemoSampleTests");
        test.ShouldContain("CatalogFixture.Load(Name)");
    }
}
