using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Model;
using RunbookEngine.Parameters;

namespace RunbookEngine.Core.Tests.Parameters;

/// <summary>A secret's text must never reach a diagnostic: not its message, hint, file or path, valid or not.</summary>
public sealed class SecretRedactionTests : IDisposable
{
    private const string Secret = "Xq7sEcReT";

    private readonly TempDirectory _dir = new();

    private static readonly Runbook Sample = Runbooks.ValidBody("""
        types:
          credentials:
            properties:
              user: { type: string, required: true }
              password: { type: secret, required: true, pattern: "[0-9]{4}" }
        parameters:
          password: { type: secret, required: true, pattern: "[0-9]{4}" }
          creds: { type: credentials }
          keys: { type: list, items: { type: secret, pattern: "[0-9]{4}" } }
          inline:
            type: object
            properties:
              token: { type: secret, pattern: "[0-9]{4}" }
        steps:
          - id: a
            uses: test.noop
        """);

    public void Dispose() => _dir.Dispose();

    private static void ShouldNotLeak(BindResult result, int expectedAtLeast = 1)
    {
        result.Diagnostics.Count.ShouldBeGreaterThanOrEqualTo(expectedAtLeast);
        foreach (var diagnostic in result.Diagnostics)
        {
            foreach (var text in new[] { diagnostic.Message, diagnostic.Hint ?? string.Empty, diagnostic.Span.File, diagnostic.YamlPath, diagnostic.ToString() })
            {
                text.ShouldNotContain(Secret, Case.Insensitive, $"{diagnostic.Code} leaks the secret: {diagnostic} [{diagnostic.YamlPath}] hint: {diagnostic.Hint}");
            }
        }
    }

    [Fact]
    public void Valid_secret_binds_without_diagnostics()
    {
        var result = ParameterBinder.Bind(Sample, ["password=1234"], null);

        result.Diagnostics.ShouldBeEmpty();
        result.Parameters!.AsDictionary()["password"].ShouldBeOfType<SecretValue>();
    }

    [Theory]
    [InlineData("password=" + Secret)]
    [InlineData("password=a" + Secret + "b")]
    public void Secret_not_matching_its_pattern(string assignment)
    {
        var result = ParameterBinder.Bind(Sample, [assignment], null);

        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0705");
        ShouldNotLeak(result);
    }

    [Fact]
    public void Secret_given_twice()
    {
        var result = ParameterBinder.Bind(Sample, ["password=1234", "password=" + Secret], null);

        result.Diagnostics.Select(d => d.Code).ShouldContain("RB0708");
        ShouldNotLeak(result);
    }

    [Theory]
    [InlineData("password: " + Secret)]
    [InlineData("password: [" + Secret + "]")]
    [InlineData("password: {" + Secret + ": 1}")]
    [InlineData("password: 1234\npassword: " + Secret)]
    public void Secret_in_the_params_file(string yaml)
    {
        ShouldNotLeak(ParameterBinder.Bind(Sample, [], _dir.Write("params.yaml", yaml + "\n")));
    }

    [Theory]
    [InlineData("creds={user: admin, password: " + Secret + "}")]
    [InlineData("creds={user: admin, password: " + Secret + ", extra: 1}")]
    [InlineData("creds={password: " + Secret + "}")]
    [InlineData("creds={user: admin, password: '" + Secret + "}")]
    [InlineData("keys=[1234, " + Secret + "]")]
    [InlineData("keys=[" + Secret + ", 1234, 1234]")]
    [InlineData("keys=[" + Secret)]
    [InlineData("inline={token: " + Secret + "}")]
    [InlineData("inline={token: [" + Secret + "]}")]
    public void Secret_inside_a_structured_value(string assignment)
    {
        ShouldNotLeak(ParameterBinder.Bind(Sample, ["password=1234", assignment], null));
    }

    [Fact]
    public void Structured_value_with_a_secret_given_twice()
    {
        ShouldNotLeak(ParameterBinder.Bind(Sample, ["password=1234", "keys=[1234]", "keys=[" + Secret + "]"], null));
    }

    [Fact]
    public void Valid_structured_secrets_become_secret_values()
    {
        var result = ParameterBinder.Bind(Sample, ["password=1234", "creds={user: admin, password: 5678}", "keys=[1111, 2222]"], null);

        result.Diagnostics.ShouldBeEmpty();
        var values = result.Parameters!.AsDictionary();
        values["creds"].ShouldBeOfType<Dictionary<string, object?>>()["password"].ShouldBeOfType<SecretValue>().Reveal().ShouldBe("5678");
        values["keys"].ShouldBeOfType<List<object?>>().ShouldAllBe(k => k is SecretValue);
    }

    [Fact]
    public void Secret_passed_to_a_called_runbook_is_not_echoed()
    {
        var resolver = new MemoryResolver().Add("test/callee", "1.0.0", """
            parameters:
              password: { type: secret, pattern: "[0-9]{4}" }
            steps:
              - id: a
                uses: test.noop
            """);

        var result = Runbooks.LoadBody($$"""
            steps:
              - id: call
                uses: runbook:test/callee
                with: { password: {{Secret}} }
            """, resolver);

        result.Single(DiagnosticCodes.InputTypeMismatch).Message.ShouldNotContain(Secret);
    }
}
