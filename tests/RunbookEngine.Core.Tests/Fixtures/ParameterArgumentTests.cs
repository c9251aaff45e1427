using RunbookEngine.Diagnostics;
using RunbookEngine.Model;
using RunbookEngine.Parameters;

namespace RunbookEngine.Core.Tests.Fixtures;

/// <summary>Malformed <c>-p name=value</c> arguments, bound against Valid/runbooks/fixtures/bind-target.yaml.</summary>
public sealed class ParameterArgumentTests
{
    private const string Secret = "hunter2-s3cr3t";

    private static readonly Lazy<Runbook> Target = new(() =>
    {
        var result = FixturePaths.ValidCatalog.Loader.LoadFile(Path.Combine(FixturePaths.ValidCatalogRoot, "fixtures", "bind-target.yaml"));
        result.Diagnostics.ShouldBeEmpty();
        return result.Runbook!;
    });

    public static TheoryData<string, string[], string[]> Cases() => new()
    {
        { "no '=' in the argument", ["cluster=main", "port"], ["RB0706"] },
        { "no name before '='", ["cluster=main", "=9001"], ["RB0706"] },
        { "unknown name", ["cluster=main", "prot=9001"], ["RB0701"] },
        { "required parameter not given", ["port=9001"], ["RB0702"] },
        { "int given 'abc'", ["cluster=main", "port=abc"], ["RB0703"] },
        { "int out of range", ["cluster=main", "port=0"], ["RB0707"] },
        { "bool given 'yes'", ["cluster=main", "force=yes"], ["RB0703"] },
        { "duration given 'soon'", ["cluster=main", "waitFor=soon"], ["RB0703"] },
        { "enum value not allowed", ["cluster=main", "mode=rebuild"], ["RB0704"] },
        { "pattern mismatch", ["cluster=Main_Cluster"], ["RB0705"] },
        { "list given as invalid YAML", ["cluster=main", "nodes=[{address: a:1, id: 1}"], ["RB0001"] },
        { "list given a scalar", ["cluster=main", "nodes=a:1"], ["RB0703"] },
        { "list with too many items", ["cluster=main", "tags=[a]", "nodes=[{address: a:1, id: 1}, {address: b:1, id: 2}, {address: c:1, id: 3}, {address: d:1, id: 4}, {address: e:1, id: 5}, {address: f:1, id: 6}]"], ["RB0707"] },
        { "list item object missing required field", ["cluster=main", "nodes=[{address: a:1}]"], ["RB0702"] },
        { "object missing required field", ["cluster=main", "owner={pager: x}"], ["RB0702"] },
        { "object with an unknown field", ["cluster=main", "owner={team: sre, pagr: x}"], ["RB0701"] },
        { "parameter given twice (warning only)", ["cluster=main", "port=1", "port=2"], ["RB0708"] },
        { "every mistake at once", ["cluster=Main_Cluster", "port=abc", "mode=rebuild", "prot=1", "force"], ["RB0701", "RB0703", "RB0704", "RB0705", "RB0706"] },
    };

    public static TheoryData<string, string[], string[]> SecretCases() => new()
    {
        { "secret does not match its pattern", ["cluster=main", "password=hunter2"], ["RB0705"] },
        { "secret given twice", ["cluster=main", $"password={Secret}", $"password={Secret}"], ["RB0708"] },
        { "secret under a misspelled name", ["cluster=main", $"pasword={Secret}"], ["RB0701"] },
        { "object with a secret field and an unknown field", ["cluster=main", $"credentials={{user: sre, password: {Secret}, realm: prod}}"], ["RB0701"] },
        { "object with a secret field as invalid YAML", ["cluster=main", $"credentials={{user: sre, password: {Secret}"], ["RB0001"] },
        { "object with a secret field given a scalar", ["cluster=main", $"credentials={Secret}"], ["RB0703"] },
        { "list of secrets given a scalar", ["cluster=main", $"tokens={Secret}"], ["RB0703"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_argument_reports_the_expected_codes(string because, string[] arguments, string[] codes)
    {
        var result = ParameterBinder.Bind(Target.Value, arguments, paramsFile: null);

        result.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal).ToList().ShouldBe(codes, ignoreOrder: false, customMessage: because);
        result.Success.ShouldBe(codes.All(c => FixtureHeader.Severity(c) == DiagnosticSeverity.Warning), because);
        result.Diagnostics.ShouldAllBe(d => !string.IsNullOrWhiteSpace(d.Message));
    }

    [Theory]
    [MemberData(nameof(SecretCases))]
    public void Malformed_argument_never_shows_a_secret_value(string because, string[] arguments, string[] codes)
    {
        var result = ParameterBinder.Bind(Target.Value, arguments, paramsFile: null);

        result.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal).ToList().ShouldBe(codes, ignoreOrder: false, customMessage: because);
        foreach (var d in result.Diagnostics)
        {
            // The file part is printed too ("-p name=...: error RB0701: ..."), so it may not hold the value either.
            var shown = $"{d.Span.File} | {d.YamlPath} | {d.Message} | {d.Hint}";
            shown.ShouldNotContain("hunter2", Case.Insensitive, because);
        }
    }
}
