using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Loading;
using RunbookEngine.Model;

namespace RunbookEngine.Core.Tests.Loading;

public sealed class RunbookLoaderTests
{
    internal const string Full = """
        apiVersion: runbook/v1
        kind: Runbook
        metadata:
          name: demo/full-example
          version: 2.1.0-rc.1+build.7
          title: Everything the format has
          description: |
            Longer text.
          source:
            document: doc.txt
            section: B.2
            url: https://example.org/doc

        types:
          node:
            description: One member.
            properties:
              address: { type: string, required: true, pattern: "[^:]+:[0-9]+" }
              id: { type: int, required: true, min: 1 }
              role: { type: enum, values: [voter, standby], default: voter }

        parameters:
          nodes:
            type: list
            items: node
            min: 1
            default:
              - { address: "a:1", id: 1 }
              - { address: "b:2", id: 2, role: standby }
          port: { type: int, default: 9001, min: 1, max: 65535 }
          wait: { type: duration, default: 90s }
          verbose: { type: bool, default: false }
          mode: { type: enum, values: [repair, restore], default: repair, description: What to do. }
          dataDir: { type: path, required: true }
          password: { type: secret }
          labels: { type: object, properties: { team: { type: string, default: sre } } }
          tags: { type: list, items: { type: string, pattern: "[a-z]+" }, default: [x, y] }

        outputs:
          summary: ${{ steps.log.outputs.text }}
          count:
            value: ${{ length(params.nodes) }}
            description: How many nodes.

        steps:
          - id: log
            title: Say hello
            description: First step.
            uses: test.echo
            with:
              message: "hello ${{ params.mode }}"
              port: 8080
              wait: 5s
              mode: upperCase
              tags: [a, "${{ params.mode }}"]
            retry: { attempts: 3, backoff: 2s, factor: 1.5, max: 10s }
            timeout: 1m30s
            onFailure: continue
            when: ${{ params.verbose || params.mode == 'repair' }}
            outputs:
              shout: ${{ result.text }}

          - id: per-node
            foreach: ${{ params.nodes }}
            parallel: true
            approval: "Touch ${{ length(params.nodes) }} nodes?"
            outputs:
              seen: ${{ steps.probe.outputs.open }}
            steps:
              - id: probe
                uses: test.probe
                with:
                  address: ${{ item.address }}
                  port: ${{ params.port }}
                onFailure:
                  compensate: [undo]

          - id: limited
            uses: test.noop
            foreach: [1, 2, 3]
            parallel: 2
            when: false
            approval:
              message: Go on?

        compensations:
          - id: undo
            uses: test.echo
            with:
              message: undoing ${{ steps.log.outputs.text }}
        """;

    private static Runbook LoadFull() => Runbooks.Valid(Full);

    [Fact]
    public void Metadata_is_read()
    {
        var runbook = LoadFull();

        runbook.Name.ShouldBe("demo/full-example");
        runbook.Version.ShouldBe(new SemVersion(2, 1, 0, "rc.1", "build.7"));
        runbook.Identity.ShouldBe("demo/full-example@2.1.0-rc.1+build.7");
        runbook.Metadata.Title.ShouldBe("Everything the format has");
        runbook.Metadata.Description.ShouldBe("Longer text.\n");
        runbook.Metadata.Source.ShouldBe(new SourceReference("doc.txt", "B.2", "https://example.org/doc"));
        runbook.File.ShouldBe("test.yaml");
        runbook.ContentHash.Length.ShouldBe(64);
    }

    [Fact]
    public void Source_as_a_string_is_split_at_the_hash()
    {
        var runbook = Runbooks.Valid(Full.Replace("""
              source:
                document: doc.txt
                section: B.2
                url: https://example.org/doc
            """, "  source: 000_82be948217d4d2a4.txt#B.2"));

        runbook.Metadata.Source.ShouldBe(new SourceReference("000_82be948217d4d2a4.txt", "B.2", null));
    }

    [Fact]
    public void Named_types_are_read_with_their_fields()
    {
        var node = LoadFull().Types.ShouldHaveSingleItem();

        node.Name.ShouldBe("node");
        node.Description.ShouldBe("One member.");
        node.Properties.Select(p => p.Name).ShouldBe(["address", "id", "role"]);
        node.Properties[0].Type.Pattern.ShouldBe("[^:]+:[0-9]+");
        node.Properties[0].Required.ShouldBeTrue();
        node.Properties[1].Type.Min.ShouldBe(1);
        node.Properties[2].Type.Kind.ShouldBe(ParameterKind.Enum);
        node.Properties[2].Default.ShouldBe("voter");
    }

    [Fact]
    public void Parameters_keep_declaration_order_and_types()
    {
        var parameters = LoadFull().Parameters;

        parameters.Select(p => (p.Name, p.Type.DisplayName)).ShouldBe(
        [
            ("nodes", "list<node>"), ("port", "int"), ("wait", "duration"), ("verbose", "bool"), ("mode", "enum(repair|restore)"),
            ("dataDir", "path"), ("password", "secret"), ("labels", "object"), ("tags", "list<string>"),
        ]);
        parameters.Single(p => p.Name == "dataDir").Required.ShouldBeTrue();
        parameters.Single(p => p.Name == "dataDir").HasDefault.ShouldBeFalse();
        parameters.Single(p => p.Name == "mode").Description.ShouldBe("What to do.");
        var port = parameters.Single(p => p.Name == "port").Type;
        (port.Min, port.Max).ShouldBe((1L, 65535L));
        parameters.Single(p => p.Name == "tags").Type.Items!.Pattern.ShouldBe("[a-z]+");
        parameters.Single(p => p.Name == "nodes").Type.Items!.Properties!.Count.ShouldBe(3);
    }

    [Fact]
    public void Defaults_are_converted_to_the_parameter_type()
    {
        var runbook = LoadFull();
        object? Default(string name) => runbook.FindParameter(name)!.Default;

        Default("port").ShouldBe(9001L);
        Default("wait").ShouldBe("1m30s");
        Default("verbose").ShouldBe(false);
        Default("mode").ShouldBe("repair");
        Default("tags").ShouldBe(new List<object?> { "x", "y" });
        runbook.FindParameter("password")!.HasDefault.ShouldBeFalse();
        runbook.FindParameter("labels")!.HasDefault.ShouldBeFalse();

        var nodes = Default("nodes").ShouldBeOfType<List<object?>>();
        nodes.Count.ShouldBe(2);
        var first = nodes[0].ShouldBeOfType<Dictionary<string, object?>>();
        first["address"].ShouldBe("a:1");
        first["id"].ShouldBe(1L);
        first["role"].ShouldBe("voter");
        nodes[1].ShouldBeOfType<Dictionary<string, object?>>()["role"].ShouldBe("standby");
    }

    [Fact]
    public void Runbook_outputs_are_read_in_both_forms()
    {
        var outputs = LoadFull().Outputs;

        outputs.Select(o => o.Name).ShouldBe(["summary", "count"]);
        outputs[0].Description.ShouldBeNull();
        outputs[1].Description.ShouldBe("How many nodes.");
        outputs[1].Value.IsSingleExpression.ShouldBeTrue();
    }

    [Fact]
    public void Steps_have_their_kinds_in_order()
    {
        var runbook = LoadFull();

        runbook.Steps.Select(s => (s.Id, s.Kind)).ShouldBe([("log", "test.echo"), ("per-node", "group"), ("limited", "test.noop")]);
        runbook.AllSteps().Select(s => s.Id).ShouldBe(["log", "per-node", "probe", "limited", "undo"]);
        runbook.FindStep("probe").ShouldBeOfType<ActivityStep>().Activity.ShouldBe("test.probe");
        runbook.Compensations.ShouldHaveSingleItem().Id.ShouldBe("undo");
    }

    [Fact]
    public void Activity_step_reads_every_common_key()
    {
        var log = LoadFull().FindStep("log").ShouldBeOfType<ActivityStep>();

        log.Title.ShouldBe("Say hello");
        log.Description.ShouldBe("First step.");
        log.Retry.ShouldBe(new RetryPolicy(3, TimeSpan.FromSeconds(2), 1.5, TimeSpan.FromSeconds(10)));
        log.Timeout.ShouldBe(TimeSpan.FromSeconds(90));
        log.OnFailure.ShouldBe(FailurePolicy.Continue);
        log.When.ShouldNotBeNull().IsSingleExpression.ShouldBeTrue();
        log.Foreach.ShouldBeNull();
        log.Parallel.ShouldBe(1);
        log.Approval.ShouldBeNull();
        log.Outputs.ShouldHaveSingleItem().Name.ShouldBe("shout");
        log.Span.Line.ShouldBe(46);
        log.Span.Column.ShouldBe(5);
    }

    [Fact]
    public void With_keeps_literals_typed_and_templates_parsed()
    {
        var with = LoadFull().FindStep("log").ShouldBeOfType<ActivityStep>().With.ToDictionary(w => w.Key, w => w.Value);

        with.Keys.ShouldBe(["message", "port", "wait", "mode", "tags"]);
        with["message"].ShouldBeOfType<TemplateValue>().Template.IsSingleExpression.ShouldBeFalse();
        with["port"].ShouldBeOfType<LiteralValue>().Value.ShouldBe(8080L);
        with["mode"].ShouldBeOfType<LiteralValue>().Value.ShouldBe("upperCase");
        var tags = with["tags"].ShouldBeOfType<ListValue>();
        tags.Items[0].ShouldBeOfType<LiteralValue>().Value.ShouldBe("a");
        tags.Items[1].ShouldBeOfType<TemplateValue>();
        tags.Templates().Count().ShouldBe(1);
    }

    [Fact]
    public void Group_reads_foreach_parallel_approval_and_outputs()
    {
        var group = LoadFull().FindStep("per-node").ShouldBeOfType<GroupStep>();

        group.Steps.ShouldHaveSingleItem().Id.ShouldBe("probe");
        group.Foreach.ShouldBeOfType<TemplateValue>();
        group.Parallel.ShouldBeNull();
        group.Approval.ShouldNotBeNull().Message.IsSingleExpression.ShouldBeFalse();
        group.Outputs.ShouldHaveSingleItem().Name.ShouldBe("seen");
        group.Retry.ShouldBeNull();
        group.Timeout.ShouldBeNull();
        group.OnFailure.ShouldBe(FailurePolicy.Fail);
    }

    [Fact]
    public void Compensate_policy_lists_the_step_ids()
    {
        var probe = LoadFull().FindStep("probe")!;

        probe.OnFailure.Action.ShouldBe(FailureAction.Compensate);
        probe.OnFailure.Compensations.ShouldBe(["undo"]);
    }

    [Fact]
    public void Literal_foreach_when_and_approval_message()
    {
        var limited = LoadFull().FindStep("limited")!;

        var items = limited.Foreach.ShouldBeOfType<ListValue>().Items;
        items.Select(i => i.ShouldBeOfType<LiteralValue>().Value).ShouldBe([1L, 2L, 3L]);
        limited.Parallel.ShouldBe(2);
        limited.When.ShouldNotBeNull().Evaluate(new ExpressionContext(new Dictionary<string, object?>())).ShouldBe(false);
        limited.Approval.ShouldNotBeNull().Message.Evaluate(new ExpressionContext(new Dictionary<string, object?>())).ShouldBe("Go on?");
    }

    [Fact]
    public void Retry_defaults_backoff_one_second_and_factor_two()
    {
        var step = Runbooks.ValidBody("""
            steps:
              - id: a
                uses: test.noop
                retry: { attempts: 2 }
            """).Steps[0];

        step.Retry.ShouldBe(new RetryPolicy(2, TimeSpan.FromSeconds(1), 2, null));
    }

    [Fact]
    public void Smallest_runbook_loads_without_diagnostics()
    {
        var runbook = Runbooks.ValidBody("""
            steps:
              - id: only
                uses: test.noop
            """);

        runbook.Parameters.ShouldBeEmpty();
        runbook.Types.ShouldBeEmpty();
        runbook.Outputs.ShouldBeEmpty();
        runbook.Compensations.ShouldBeEmpty();
        runbook.Metadata.Source.ShouldBeNull();
        runbook.Metadata.Description.ShouldBeNull();
    }

    [Fact]
    public void Same_text_gives_the_same_hash_and_any_change_another()
    {
        var a = LoadFull().ContentHash;

        LoadFull().ContentHash.ShouldBe(a);
        Runbooks.Valid(Full + "\n").ContentHash.ShouldNotBe(a);
    }

    [Fact]
    public void Loading_a_file_that_does_not_exist_reports_RB0002_for_the_file()
    {
        var result = new RunbookLoader(TestActivities.Catalog).LoadFile(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "x.yaml"));

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0002");
        diagnostic.Span.HasPosition.ShouldBeFalse();
        result.Runbook.ShouldBeNull();
        result.HasErrors.ShouldBeTrue();
    }

    [Fact]
    public void Loading_a_file_reads_it_and_names_it_by_its_path()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("r.yaml", Full);

        var result = new RunbookLoader(TestActivities.Catalog).LoadFile(path);

        result.Diagnostics.ShouldBeEmpty();
        result.Runbook.ShouldNotBeNull().File.ShouldBe(RunbookLoader.DisplayPath(path));
    }

    [Fact]
    public void Files_over_the_size_limit_are_refused_before_parsing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("big.yaml", "# " + new string('x', (int)RunbookLoader.MaxFileBytes) + "\n");

        var diagnostic = new RunbookLoader(TestActivities.Catalog).LoadFile(path).Diagnostics.ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("RB0002");
        diagnostic.Message.ShouldContain("4 MiB");
    }

    [Theory]
    [InlineData("- a\n- b\n", "a list")]
    [InlineData("just text\n", "a string")]
    public void Root_must_be_a_mapping(string yaml, string found)
    {
        var result = Runbooks.Load(yaml);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("RB0103");
        diagnostic.Message.ShouldContain(found);
        result.Metadata.ShouldBeNull();
    }

    [Fact]
    public void Metadata_is_returned_even_when_the_runbook_has_errors()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: a
                uses: no.such-activity
            """);

        result.Runbook.ShouldBeNull();
        result.HasErrors.ShouldBeTrue();
        result.Metadata.ShouldNotBeNull().Name.ShouldBe("test/sample");
        result.Root.ShouldNotBeNull();
    }

    [Fact]
    public void Warnings_alone_keep_the_runbook()
    {
        var result = Runbooks.LoadBody("""
            parameters:
              port: { type: int, required: true, default: 1 }
            steps:
              - id: a
                uses: test.noop
            """);

        result.Single(DiagnosticCodes.RequiredWithDefault).Severity.ShouldBe(DiagnosticSeverity.Warning);
        result.Runbook.ShouldNotBeNull();
        result.HasErrors.ShouldBeFalse();
    }

    [Fact]
    public void Diagnostics_are_sorted_by_position()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: b
                uses: test.nope
              - id: a
                uses: test.noop
                timeout: soon
                bogus: 1
            """);

        var lines = result.Diagnostics.Select(d => d.Span.Line).ToList();
        lines.Count.ShouldBe(3, Runbooks.Describe(result.Diagnostics));
        lines.ShouldBe(lines.Order().ToList());
    }
}
