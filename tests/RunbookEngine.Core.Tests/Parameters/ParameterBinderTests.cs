using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Model;
using RunbookEngine.Parameters;

namespace RunbookEngine.Core.Tests.Parameters;

public sealed class ParameterBinderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static readonly Runbook Sample = Runbooks.ValidBody("""
        types:
          node:
            properties:
              address: { type: string, required: true, pattern: "[^:]+:[0-9]+" }
              id: { type: int, required: true, min: 1 }
              role: { type: enum, values: [voter, standby], default: voter }
        parameters:
          nodes: { type: list, items: node, required: true, min: 1, max: 5 }
          port: { type: int, min: 1, max: 65535, default: 9001 }
          mode: { type: enum, values: [repair, restore], default: repair }
          name: { type: string, pattern: "[a-z]+" }
          flavour: { type: string, values: [plain, fancy] }
          wait: { type: duration, default: 30s }
          force: { type: bool, default: false }
          dir: { type: path }
          password: { type: secret, pattern: "[A-Za-z0-9]{8,}" }
        steps:
          - id: a
            uses: test.noop
        """);

    public void Dispose() => _dir.Dispose();

    private const string Nodes = "nodes=[{address: a:1, id: 1}]";

    private static BindResult Bind(params string[] assignments) => ParameterBinder.Bind(Sample, assignments, null);

    private BindResult BindFile(string yaml, params string[] assignments) => ParameterBinder.Bind(Sample, assignments, _dir.Write("params.yaml", yaml));

    private static IReadOnlyDictionary<string, object?> Values(BindResult result)
    {
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty(Runbooks.Describe(result.Diagnostics));
        return result.Parameters.ShouldNotBeNull().AsDictionary();
    }

    [Fact]
    public void Defaults_fill_what_is_not_given_and_order_is_declaration_order()
    {
        var result = Bind(Nodes);

        result.Diagnostics.ShouldBeEmpty();
        result.Success.ShouldBeTrue();
        result.Parameters!.Values.Select(v => v.Key).ShouldBe(["nodes", "port", "mode", "name", "flavour", "wait", "force", "dir", "password"]);
        var values = Values(result);
        values["port"].ShouldBe(9001L);
        values["mode"].ShouldBe("repair");
        values["wait"].ShouldBe("30s");
        values["force"].ShouldBe(false);
        values["name"].ShouldBeNull();
        values["password"].ShouldBeNull();
    }

    [Fact]
    public void Missing_required_parameter_is_reported()
    {
        var result = Bind();

        result.Success.ShouldBeFalse();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0702");
        diagnostic.Message.ShouldBe("parameter 'nodes' (list<node>) is required");
        diagnostic.Span.File.ShouldBe("command line");
    }

    [Fact]
    public void List_of_objects_is_written_as_yaml_flow()
    {
        var values = Values(Bind("nodes=[{address: a:1, id: 1}, {address: 'b:2', id: 2, role: standby}]"));

        var nodes = values["nodes"].ShouldBeOfType<List<object?>>();
        nodes.Count.ShouldBe(2);
        nodes[0].ShouldBe(new Dictionary<string, object?> { ["address"] = "a:1", ["id"] = 1L, ["role"] = "voter" });
        nodes[1].ShouldBe(new Dictionary<string, object?> { ["address"] = "b:2", ["id"] = 2L, ["role"] = "standby" });
    }

    [Theory]
    [InlineData("port=80", 80L)]
    [InlineData("port=+80", 80L)]
    [InlineData("mode=restore", "restore")]
    [InlineData("name=abc", "abc")]
    [InlineData("flavour=fancy", "fancy")]
    [InlineData("wait=90s", "1m30s")]
    [InlineData("force=true", true)]
    [InlineData("dir=/var/lib/x y", "/var/lib/x y")]
    [InlineData("name=a=b", null)]
    public void Scalars_are_converted_to_their_type(string assignment, object? expected)
    {
        if (expected is null)
        {
            // '=' after the first belongs to the value: here it breaks the pattern of 'name'.
            Bind(Nodes, assignment).Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("parameter 'name': 'a=b' does not match the pattern [a-z]+");
            return;
        }

        var key = assignment[..assignment.IndexOf('=', StringComparison.Ordinal)];
        Values(Bind(Nodes, assignment))[key].ShouldBe(expected);
    }

    [Theory]
    [InlineData("port=abc", "RB0703", "parameter 'port' must be an int, found 'abc'")]
    [InlineData("port=0", "RB0707", "parameter 'port' has 0; the minimum is 1")]
    [InlineData("port=70000", "RB0707", "parameter 'port' has 70000; the maximum is 65535")]
    [InlineData("mode=fix", "RB0704", "parameter 'mode' is 'fix', which is not one of its values")]
    [InlineData("flavour=odd", "RB0704", "parameter 'flavour' is 'odd', which is not one of its allowed values")]
    [InlineData("name=ABC", "RB0705", "parameter 'name': 'ABC' does not match the pattern [a-z]+")]
    [InlineData("wait=soon", "RB0703", "parameter 'wait' must be a duration, found 'soon'")]
    [InlineData("force=yes", "RB0703", "parameter 'force' must be a bool, found 'yes'")]
    [InlineData("force=True", "RB0703", "parameter 'force' must be a bool, found 'True'")]
    [InlineData("nodes=[]", "RB0707", "parameter 'nodes' has 0 items; the minimum is 1")]
    [InlineData("nodes=x", "RB0703", "parameter 'nodes' must be a list<node>, found 'x'")]
    [InlineData("nodes=[{address: a:1}]", "RB0702", "parameter 'nodes[0]' is missing its required field 'id'")]
    [InlineData("nodes=[{address: a:1, id: 1, colour: red}]", "RB0701", "parameter 'nodes[0]' has no field 'colour'")]
    [InlineData("nodes=[{address: nope, id: 0}]", "RB0705", "parameter 'nodes[0].address': 'nope' does not match the pattern [^:]+:[0-9]+")]
    public void Invalid_values_are_reported_with_the_parameter_name(string assignment, string code, string message)
    {
        var result = assignment.StartsWith("nodes", StringComparison.Ordinal) ? Bind(assignment) : Bind(Nodes, assignment);

        result.Success.ShouldBeFalse();
        var diagnostic = result.Diagnostics.First(d => d.Code == code);
        diagnostic.Message.ShouldBe(message);
    }

    [Fact]
    public void Every_bad_field_is_reported()
    {
        Bind("nodes=[{address: nope, id: 0}]").Diagnostics.Select(d => d.Code).ShouldBe(["RB0705", "RB0707"], ignoreOrder: true);
    }

    [Fact]
    public void Yaml_syntax_errors_in_a_flow_value_are_reported()
    {
        var result = Bind("nodes=[{address: a:1, id: 1]");

        result.Success.ShouldBeFalse();
        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0001");
    }

    [Theory]
    [InlineData("nodes")]
    [InlineData("=value")]
    public void Assignments_need_a_name_and_an_equals_sign(string assignment)
    {
        var result = Bind(Nodes, assignment);

        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0706");
    }

    [Fact]
    public void Unknown_parameter_suggests_the_closest()
    {
        var diagnostic = Bind(Nodes, "prot=1").Diagnostics.ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("RB0701");
        diagnostic.Message.ShouldBe("runbook 'test/sample@1.0.0' has no parameter 'prot'");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'port'?");
    }

    [Fact]
    public void Parameter_given_twice_warns_and_the_last_wins()
    {
        var result = Bind(Nodes, "port=1", "port=2");

        var warning = result.Diagnostics.ShouldHaveSingleItem();
        warning.Code.ShouldBe("RB0708");
        warning.IsError.ShouldBeFalse();
        Values(result)["port"].ShouldBe(2L);
    }

    [Fact]
    public void A_list_value_is_its_own_source_named_after_the_parameter_so_the_mistake_can_be_underlined()
    {
        var result = Bind("nodes=[{address: a:1, id: 1}, {address: b:2, idd: 2}]");

        var unknown = result.Diagnostics.First(d => d.Code == "RB0701");
        unknown.Span.File.ShouldBe("-p nodes");
        (unknown.Span.Line, unknown.Span.Column).ShouldBe((1, 40));
        var source = result.ArgumentSources.ShouldHaveSingleItem();
        source.File.ShouldBe("-p nodes");
        source.GetLine(1)!.Substring(unknown.Span.Column - 1, 3).ShouldBe("idd");
    }

    [Fact]
    public void A_value_that_may_hold_a_secret_is_not_handed_out_as_a_source()
    {
        var sample = Runbooks.ValidBody("""
            parameters:
              credentials: { type: object, properties: { user: { type: string }, password: { type: secret } } }
            steps:
              - id: a
                uses: test.noop
            """);

        var result = ParameterBinder.Bind(sample, ["credentials={user: sre, password: Sup3rS3cret, realm: x}"], null);

        result.Diagnostics.ShouldHaveSingleItem().Span.File.ShouldBe("-p credentials");
        result.ArgumentSources.ShouldBeEmpty();
    }

    [Fact]
    public void Params_file_supplies_values_and_the_command_line_overrides_it()
    {
        var result = BindFile("""
            nodes:
              - address: a:1
                id: 1
            port: 80
            mode: restore
            """, "port=81");

        result.Diagnostics.ShouldBeEmpty();
        var values = Values(result);
        values["port"].ShouldBe(81L);
        values["mode"].ShouldBe("restore");
        values["nodes"].ShouldBeOfType<List<object?>>().Count.ShouldBe(1);
    }

    [Fact]
    public void Params_file_values_follow_the_core_schema()
    {
        var result = BindFile("nodes: [{address: a:1, id: 1}]\nport: 0x50\ndir: 0x50\nforce: TRUE\n");

        var values = Values(result);
        values["port"].ShouldBe(80L);
        values["force"].ShouldBe(true);
        // A string parameter keeps the text as written.
        values["dir"].ShouldBe("0x50");
        BindFile("nodes: [{address: a:1, id: 1}]\nport: '80'\n").Success.ShouldBeTrue();
    }

    [Fact]
    public void Params_file_errors_point_into_the_file()
    {
        var result = BindFile("nodes: [{address: a:1, id: 1}]\nport: abc\nprot: 1\n");

        result.Diagnostics.Select(d => (d.Code, d.Span.Line)).ShouldBe([("RB0703", 2), ("RB0701", 3)]);
        result.Diagnostics[0].Span.File.ShouldEndWith("params.yaml");
        result.Diagnostics[0].YamlPath.ShouldBe("port");
    }

    [Fact]
    public void Params_file_must_be_a_mapping()
    {
        // Only the shape error: 'nodes is required' would be a consequence of it, not a second problem.
        BindFile("- a\n- b\n").Diagnostics.Select(d => d.Code).ShouldBe(["RB0103"]);
    }

    [Fact]
    public void A_params_file_with_a_yaml_error_is_the_only_problem_reported()
    {
        var result = BindFile("nodes: [{address: a:1, id: 1}\nport: 80\n");

        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0001");
        result.Diagnostics[0].Span.File.ShouldEndWith("params.yaml");
        result.Success.ShouldBeFalse();
    }

    [Fact]
    public void Command_line_values_are_still_checked_when_the_params_file_is_unusable()
    {
        var result = BindFile("- a\n", "port=abc");

        result.Diagnostics.Select(d => d.Code).ShouldBe(["RB0703", "RB0103"], ignoreOrder: true);
    }

    [Fact]
    public void Unreadable_params_file_is_reported()
    {
        var result = ParameterBinder.Bind(Sample, [Nodes], Path.Combine(_dir.Path, "missing", "params.yaml"));

        result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("RB0002");
        result.Success.ShouldBeFalse();
    }

    [Fact]
    public void Missing_parameter_names_the_params_file_when_there_is_one()
    {
        BindFile("port: 1\n").Diagnostics.ShouldHaveSingleItem().Span.File.ShouldEndWith("params.yaml");
    }

    [Fact]
    public void Secret_becomes_a_secret_value()
    {
        var values = Values(Bind(Nodes, "password=Sup3rS3cret"));

        var secret = values["password"].ShouldBeOfType<SecretValue>();
        secret.Reveal().ShouldBe("Sup3rS3cret");
        secret.ToString().ShouldBe("***");
    }

    [Fact]
    public void A_params_path_that_is_a_folder_is_called_a_folder()
    {
        var result = ParameterBinder.Bind(Sample, [Nodes], _dir.Path);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0002");
        diagnostic.Message.ShouldBe("the params file is a folder");
    }

    [Fact]
    public void A_secret_not_given_otherwise_comes_from_its_environment_variable()
    {
        var environment = new Dictionary<string, string> { ["RUNBOOK_SECRET_password"] = "FromTheEnv1", ["RUNBOOK_SECRET_name"] = "ignored" };

        var values = Values(ParameterBinder.Bind(Sample, [Nodes], null, environment.GetValueOrDefault));

        values["password"].ShouldBeOfType<SecretValue>().Reveal().ShouldBe("FromTheEnv1");
        values["name"].ShouldBeNull("only secrets are read from the environment");
        ParameterBinder.SecretVariable("nodes[1].password").ShouldBe("RUNBOOK_SECRET_nodes_1__password");
    }

    [Fact]
    public void A_secret_given_with_p_or_in_the_file_wins_over_the_environment()
    {
        var environment = new Dictionary<string, string> { ["RUNBOOK_SECRET_password"] = "FromTheEnv1" };

        Values(ParameterBinder.Bind(Sample, [Nodes, "password=FromTheArg1"], null, environment.GetValueOrDefault))["password"]
            .ShouldBeOfType<SecretValue>().Reveal().ShouldBe("FromTheArg1");
        Values(ParameterBinder.Bind(Sample, [Nodes], _dir.Write("p.yaml", "password: FromTheFile1\n"), environment.GetValueOrDefault))["password"]
            .ShouldBeOfType<SecretValue>().Reveal().ShouldBe("FromTheFile1");
    }

    [Fact]
    public void A_bad_secret_in_the_environment_is_placed_at_the_variable_and_not_shown()
    {
        var environment = new Dictionary<string, string> { ["RUNBOOK_SECRET_password"] = "short" };

        var result = ParameterBinder.Bind(Sample, [Nodes], null, environment.GetValueOrDefault);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0705");
        diagnostic.Span.File.ShouldBe("$RUNBOOK_SECRET_password");
        diagnostic.ToString().ShouldNotContain("short");
        (diagnostic.Hint ?? string.Empty).ShouldNotContain("short");
    }

    [Fact]
    public void A_missing_required_secret_names_its_environment_variable()
    {
        var runbook = Runbooks.ValidBody("""
            parameters:
              token: { type: secret, required: true }
            steps:
              - id: a
                uses: test.noop
            """);

        var diagnostic = ParameterBinder.Bind(runbook, [], null, _ => null).Diagnostics.ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("RB0702");
        diagnostic.Hint.ShouldBe("give it in the environment variable RUNBOOK_SECRET_token (kept out of the process list and shell history), with -p token=<value> or in a --params file");
    }

    [Fact]
    public void Secret_from_the_params_file_becomes_a_secret_value()
    {
        Values(BindFile("nodes: [{address: a:1, id: 1}]\npassword: Sup3rS3cret\n"))["password"].ShouldBeOfType<SecretValue>().Reveal().ShouldBe("Sup3rS3cret");
    }
}
