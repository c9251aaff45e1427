using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Loading;

/// <summary>Steps that call other runbooks: the callee's parameters and outputs are checked (RB06xx and RB040x).</summary>
public sealed class CallTests
{
    private static MemoryResolver Resolver() => new MemoryResolver()
        .Add("test/callee", "1.0.0", """
            parameters:
              nodes: { type: list, required: true, description: The nodes. }
              port: { type: int, default: 1 }
              mode: { type: enum, values: [fast, safe] }
            outputs:
              count: ${{ length(params.nodes) }}
            steps:
              - id: a
                uses: test.noop
            """)
        .Add("test/broken", "1.0.0", """
            steps:
              - id: a
                uses: no.such
            """);

    private static LoadResult Call(string uses, string with, string after = "") => Runbooks.LoadBody($$"""
        parameters:
          name: { type: string, default: x }
        steps:
          - id: call
            uses: {{uses}}
            with: {{with}}
        {{after}}
        """, Resolver());

    [Fact]
    public void Valid_call_loads_and_targets_the_reference()
    {
        var result = Call("runbook:test/callee@1.0.0", "{ nodes: [a, b], port: 2, mode: safe }", """
              - id: after
                uses: test.echo
                with: { message: "${{ steps.call.outputs.count }}" }
            """);

        result.Diagnostics.ShouldBeEmpty(Runbooks.Describe(result.Diagnostics));
        var call = result.Runbook.ShouldNotBeNull().Steps[0].ShouldBeOfType<CallStep>();
        call.Target.ShouldBe(new RunbookReference("test/callee", new SemVersion(1, 0, 0, string.Empty, string.Empty)));
        call.Kind.ShouldBe("runbook:test/callee@1.0.0");
        call.With.Select(w => w.Key).ShouldBe(["nodes", "port", "mode"]);
    }

    [Fact]
    public void Unknown_parameter_of_the_callee_is_reported()
    {
        var diagnostic = Call("runbook:test/callee", "{ nodes: [a], prot: 2 }").Single(DiagnosticCodes.UnknownInput);

        diagnostic.Message.ShouldBe("runbook 'test/callee@1.0.0' has no parameter 'prot'");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'port'?");
    }

    [Fact]
    public void Required_parameter_of_the_callee_must_be_given()
    {
        var diagnostic = Call("runbook:test/callee", "{ port: 2 }").Single(DiagnosticCodes.MissingInput);

        diagnostic.Message.ShouldBe("runbook 'test/callee@1.0.0' needs parameter 'nodes' (list<string>)");
        diagnostic.Hint.ShouldBe("add with: { nodes: ... } (The nodes)");
    }

    [Theory]
    [InlineData("{ nodes: [a], port: abc }", "parameter 'port' of 'test/callee' must be an int, found 'abc'")]
    [InlineData("{ nodes: a }", "parameter 'nodes' of 'test/callee' must be a list<string>, found 'a'")]
    [InlineData("{ nodes: [a], mode: slow }", "parameter 'mode' of 'test/callee' is 'slow', which is not one of its values")]
    public void Literal_values_are_converted_like_parameters(string with, string message)
    {
        Call("runbook:test/callee", with).Single(DiagnosticCodes.InputTypeMismatch).Message.ShouldBe(message);
    }

    [Fact]
    public void Expression_values_are_checked_by_kind()
    {
        Call("runbook:test/callee", "{ nodes: [a], port: \"${{ params.name }}\" }").Single(DiagnosticCodes.InputTypeMismatch)
            .Message.ShouldBe("'port' must be an integer, but this expression gives a string");
    }

    [Fact]
    public void Outputs_of_the_callee_are_known()
    {
        Call("runbook:test/callee", "{ nodes: [a] }", """
              - id: after
                uses: test.echo
                with: { message: "${{ steps.call.outputs.cuont }}" }
            """).Single(DiagnosticCodes.UnknownOutput).Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'count'?");
    }

    [Fact]
    public void Missing_callee_is_reported_at_uses()
    {
        var diagnostic = Call("runbook:test/nowhere", "{}").Single(DiagnosticCodes.CalledRunbookNotFound);

        diagnostic.YamlPath.ShouldBe("steps[0].uses");
        diagnostic.Message.ShouldBe("no runbook 'test/nowhere'");
    }

    [Fact]
    public void Callee_with_errors_is_reported_as_invalid()
    {
        Call("runbook:test/broken", "{}").Codes().ShouldBe(["RB0605"]);
    }

    [Theory]
    [InlineData("runbook:Test/Callee", "'Test/Callee' is not a catalog name")]
    [InlineData("runbook:test/callee@1.0", "'1.0' is not a semantic version")]
    public void Malformed_reference_is_reported_after_the_prefix(string uses, string message)
    {
        var diagnostic = Call(uses, "{}").Single(DiagnosticCodes.InvalidRunbookReference);

        diagnostic.Message.ShouldStartWith(message);
        // "    uses: runbook:..." : the value starts at column 11, the name after 'runbook:' at column 19.
        diagnostic.Span.Column.ShouldBe(19);
        diagnostic.Span.EndColumn.ShouldBe(11 + uses.Length);
    }

    [Fact]
    public void Without_a_resolver_calls_are_not_followed()
    {
        var runbook = Runbooks.ValidBody("""
            steps:
              - id: call
                uses: runbook:test/anything
                with: { whatever: 1 }
            """);

        runbook.Steps[0].ShouldBeOfType<CallStep>().Target.Version.ShouldBeNull();
    }
}
