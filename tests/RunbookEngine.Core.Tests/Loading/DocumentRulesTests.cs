using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Diagnostics;

namespace RunbookEngine.Core.Tests.Loading;

/// <summary>The document's structure (RB01xx) and metadata (RB02xx).</summary>
public sealed class DocumentRulesTests
{
    private const string Steps = """
        steps:
          - id: a
            uses: test.noop
        """;

    [Fact]
    public void Unknown_key_gets_a_suggestion_at_the_key()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: a
                uses: test.noop
                timout: 5s
            """);

        var diagnostic = result.Single(DiagnosticCodes.UnknownKey);
        diagnostic.Message.ShouldBe("unknown key 'timout' in steps[0]");
        diagnostic.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'timeout'?");
        diagnostic.YamlPath.ShouldBe("steps[0].timout");
        diagnostic.Span.ShouldBe(new SourceSpan("test.yaml", 10, 5, 10, 11));
        result.Diagnostics.Count.ShouldBe(1);
    }

    [Fact]
    public void Unknown_top_level_key_is_reported()
    {
        Runbooks.LoadBody("stepz: []\n" + Steps).Single(DiagnosticCodes.UnknownKey).Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'steps'?");
    }

    [Fact]
    public void Missing_required_keys_are_each_reported()
    {
        var result = Runbooks.Load("""
            apiVersion: runbook/v1
            metadata:
              name: test/sample
            """);

        result.Diagnostics.Where(d => d.Code == "RB0102").Select(d => d.YamlPath)
            .ShouldBe(["kind", "steps", "metadata.version", "metadata.title"], ignoreOrder: true);
    }

    [Fact]
    public void Missing_key_of_a_nested_mapping_is_reported_at_its_owner_key()
    {
        var diagnostic = Runbooks.LoadBody("""
            steps:
              - id: a
                uses: test.noop
                retry: { backoff: 1s }
            """).Single(DiagnosticCodes.MissingKey);

        diagnostic.YamlPath.ShouldBe("steps[0].retry.attempts");
        diagnostic.Span.Line.ShouldBe(10);
        diagnostic.Span.Column.ShouldBe(5);
    }

    [Theory]
    [InlineData("metadata: [a]", "'metadata' must be a mapping, found a list")]
    [InlineData("steps: step", "'steps' must be a list, found a string ('step')")]
    [InlineData("steps:", "'steps' must be a list, found nothing")]
    public void Wrong_node_kinds_are_reported(string line, string message)
    {
        var yaml = "apiVersion: runbook/v1\nkind: Runbook\n" + (line.StartsWith("metadata", StringComparison.Ordinal) ? line + "\n" + Steps : "metadata: { name: test/sample, version: 1.0.0, title: T }\n" + line + "\n");

        Runbooks.Load(yaml).Single(DiagnosticCodes.WrongNodeType).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("retry: { attempts: three }", "'attempts' must be an integer, found a string ('three')")]
    [InlineData("retry: { attempts: '3' }", "'attempts' must be an integer, found a string ('3')")]
    [InlineData("parallel: many", "'parallel' must be an integer or true or false, found a string ('many')")]
    [InlineData("title: [x]", "'title' must be a string, found a list")]
    public void Scalar_types_follow_the_core_schema(string line, string message)
    {
        Runbooks.LoadBody($"""
            steps:
              - id: a
                uses: test.noop
                foreach: [1]
                {line}
            """).Single(DiagnosticCodes.WrongNodeType).Message.ShouldBe(message);
    }

    [Fact]
    public void Empty_lists_are_reported_where_items_are_required()
    {
        var result = Runbooks.LoadBody("""
            steps:
              - id: g
                steps: []
            """);

        result.Single(DiagnosticCodes.EmptyList).YamlPath.ShouldBe("steps[0].steps");
        Runbooks.Load(Runbooks.Header + "steps: []\n").Single(DiagnosticCodes.EmptyList).Message.ShouldBe("'steps' must have at least 1 item");
    }

    [Theory]
    [InlineData("apiVersion: runbook/v2", "RB0105")]
    [InlineData("apiVersion: v1", "RB0105")]
    [InlineData("kind: Workflow", "RB0106")]
    public void Api_version_and_kind_are_fixed(string line, string code)
    {
        var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var yaml = Runbooks.Header.Replace(Runbooks.Header.Split('\n').First(l => l.StartsWith(key, StringComparison.Ordinal)), line, StringComparison.Ordinal) + Steps;

        var result = Runbooks.Load(yaml);

        result.Codes().ShouldBe([code]);
        result.Diagnostics[0].Span.Line.ShouldBe(key == "apiVersion" ? 1 : 2);
    }

    [Theory]
    [InlineData("Test/Sample")]
    [InlineData("sample")]
    [InlineData("test/sample_1")]
    [InlineData("test/")]
    public void Name_must_be_a_lower_case_catalog_name(string name)
    {
        var result = Runbooks.Load(Runbooks.Header.Replace("test/sample", name, StringComparison.Ordinal) + Steps);

        result.Codes().ShouldBe(["RB0201"]);
    }

    [Theory]
    [InlineData("1.0", "YAML reads 1.0 as a number")]
    [InlineData("'1.0'", "2.1.0-rc.1")]
    [InlineData("v1.0.0", "2.1.0-rc.1")]
    [InlineData("1.0.0.0", "2.1.0-rc.1")]
    public void Version_must_be_semver(string version, string hint)
    {
        var result = Runbooks.Load(Runbooks.Header.Replace("version: 1.0.0", "version: " + version, StringComparison.Ordinal) + Steps);

        result.Codes().ShouldContain("RB0202");
        result.Single(DiagnosticCodes.InvalidVersion).Hint.ShouldNotBeNull().ShouldContain(hint);
    }

    [Fact]
    public void Unquoted_one_dot_version_gets_the_yaml_number_hint_only()
    {
        var result = Runbooks.Load(Runbooks.Header.Replace("version: 1.0.0", "version: 1.0", StringComparison.Ordinal) + Steps);

        result.Codes().ShouldBe(["RB0202"]);
        result.Diagnostics[0].Message.ShouldBe("'1.0' is not a semantic version");
    }

    [Fact]
    public void String_fields_take_any_non_null_scalar_as_text()
    {
        // Numbers and booleans are rendered as text where a string is expected; null and collections are not.
        var runbook = Runbooks.Valid(Runbooks.Header.Replace("title: Sample", "title: 42", StringComparison.Ordinal) + Steps);

        runbook.Metadata.Title.ShouldBe("42");
        Runbooks.Load(Runbooks.Header.Replace("title: Sample", "title: ~", StringComparison.Ordinal) + Steps).Single(DiagnosticCodes.WrongNodeType)
            .Message.ShouldBe("'title' must be a string, found nothing");
    }

    [Theory]
    [InlineData("'#B.2'")]
    [InlineData("'  #x'")]
    public void Source_must_name_a_document(string source)
    {
        var yaml = Runbooks.Header.Replace("  title: Sample\n", $"  title: Sample\n  source: {source}\n", StringComparison.Ordinal) + Steps;

        Runbooks.Load(yaml).Codes().ShouldBe(["RB0204"]);
    }

    [Fact]
    public void Source_mapping_needs_a_document()
    {
        // The source key sits under metadata: append it there.
        var yaml = Runbooks.Header.Replace("  title: Sample\n", "  title: Sample\n  source: { section: B.2 }\n", StringComparison.Ordinal) + Steps;

        Runbooks.Load(yaml).Codes().ShouldBe(["RB0102"]);
    }

    [Fact]
    public void Output_names_must_be_identifiers()
    {
        Runbooks.LoadBody("outputs:\n  bad.name: x\n" + Steps).Codes().ShouldBe(["RB0104"]);
    }
}
