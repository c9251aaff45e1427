using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>
/// What 'runbook validate' prints: <c>path:line:col: error RB0123: message</c>, the source line with the span
/// underlined, and the hint. Each invalid runbook lives in its own catalog folder under a temp dir.
/// </summary>
public sealed class ValidateSnapshotTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Valid_catalog_exits_0()
    {
        var result = await CliRunner.RunInRepoAsync("validate", "runbooks", "--catalog", "runbooks");

        result.ShouldMatchSnapshot("validate-valid-catalog");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Json_gives_every_problem_with_position_and_hint_and_never_the_source_line()
    {
        _dir.Write("runbooks/bad/two-problems.yaml", Header("two-problems") + """
            parameters:
              password: { type: secret, default: Hunter2-in-the-file }
            steps:
              - id: announce
                uses: flow.lgo
                with: { message: hello }
            """.ReplaceLineEndings("\n") + "\n");

        var result = await CliRunner.RunAsync(_dir.Path, "validate", "runbooks/bad/two-problems.yaml", "--catalog", "runbooks", "--json");

        result.ShouldMatchSnapshot("validate-json");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldBeEmpty();
        result.Stdout.ShouldNotContain("Hunter2");
        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
        doc.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ShouldBe(["RB0303", "RB0404"]);
    }

    [Fact]
    public async Task Json_of_a_valid_catalog_says_so_and_exits_0()
    {
        var result = await CliRunner.RunInRepoAsync("validate", "runbooks", "--catalog", "runbooks", "--json");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeTrue();
        doc.RootElement.GetProperty("files").GetInt32().ShouldBe(Directory.GetFiles(RepoPaths.Catalog, "*.yaml", SearchOption.AllDirectories).Length);
        doc.RootElement.GetProperty("diagnostics").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_mistake_inside_a_list_given_with_p_is_underlined_in_the_value()
    {
        var result = await CliRunner.RunInRepoAsync("validate", "examples/backup-cluster", "--catalog", "runbooks",
            "-p", "nodes=[{address: 127.0.0.1:9001, id: 1, dataDir: /data/1}]");

        result.ShouldMatchSnapshot("validate-parameter-list-mistake");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("-p nodes:1:35: error RB0701");
    }

    [Fact]
    public async Task Json_with_parameter_values_is_refused()
    {
        var result = await CliRunner.RunInRepoAsync("validate", "runbooks/examples/preflight.yaml", "--json", "-p", "x=1");

        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain("cannot be combined with -p or --params");
    }

    [Fact]
    public async Task Unknown_key_suggests_the_key_meant()
    {
        var result = await Validate("unknown-key", """
            steps:
              - id: announce
                uses: flow.log
                timout: 30s
                with:
                  message: hello
            """);

        result.ShouldMatchSnapshot("validate-unknown-key");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("did you mean 'timeout'?");
    }

    [Fact]
    public async Task Yaml_syntax_error_points_at_the_line()
    {
        var result = await Validate("yaml-syntax", """
            steps:
              - id: announce
                uses: flow.log
                with:
                  message: "never closed
                  level: info
            """);

        result.ShouldMatchSnapshot("validate-yaml-syntax");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("RB0001");
    }

    [Fact]
    public async Task Unknown_activity_suggests_the_closest()
    {
        var result = await Validate("unknown-activity", """
            steps:
              - id: look
                uses: fs.stats
                with:
                  path: /var/lib/db
            """);

        result.ShouldMatchSnapshot("validate-unknown-activity");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("did you mean 'fs.stat'?");
    }

    [Fact]
    public async Task Bad_expression_reference_underlines_the_name()
    {
        var result = await Validate("bad-reference", """
            parameters:
              nodes: { type: list, items: string, required: true }
            steps:
              - id: announce
                uses: flow.log
                with:
                  message: "Checking ${{ length(params.nodse) }} nodes"
            """);

        result.ShouldMatchSnapshot("validate-bad-reference");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("did you mean 'nodes'?");
    }

    [Fact]
    public async Task Missing_required_input_names_it()
    {
        var result = await Validate("missing-input", """
            steps:
              - id: look
                uses: fs.stat
                with: {}
            """);

        result.ShouldMatchSnapshot("validate-missing-input");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("RB0405");
    }

    [Fact]
    public async Task Several_errors_in_one_file_are_all_reported_in_order()
    {
        var result = await Validate("many-errors", """
            parameters:
              nodes: { type: lst, required: true }
              password: { type: secret, default: hunter2 }
            steps:
              - id: look
                uses: fs.stat
                with:
                  path: ${{ item.dataDirectory }}
                  follow: true
              - id: look
                uses: flow.log
                parallel: 2
                timeout: 5 minutes
                with:
                  message: "${{ steps.look.outputs.exist }} and ${{ steps.later.outputs.x }}"
              - id: later
                uses: flow.log
                with:
                  message: ${{ params.nodes[0] + }}
            """);

        result.ShouldMatchSnapshot("validate-many-errors");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        var headers = result.Stderr.Split('\n').Where(l => l.Contains(": error RB", StringComparison.Ordinal)).ToList();
        headers.Count.ShouldBeGreaterThanOrEqualTo(6);
        headers.Select(Position).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Underline_is_exactly_under_the_name_in_verbatim_scalars()
    {
        // Plain, single- and double-quoted scalars spelled out verbatim; a tab and non-ASCII text come before the span.
        var result = await Validate("underline", "steps:\n  - id: announce\n    uses: flow.log\n    with:\n"
            + "      message: Étape — ${{ params.plain }}\n"
            + "  - id: single\n    uses: flow.log\n    with:\n      message: 'single ${{ params.single }}'\n"
            + "  - id: double\n    uses: flow.log\n    with:\n      message: \"tab\there ${{ params.double }}\"\n");

        result.ShouldMatchSnapshot("validate-underline");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        UnderlinedTexts(result.Stderr, "RB0502").ShouldBe(["plain", "single", "double"]);
    }

    [Fact]
    public async Task Underline_falls_back_to_the_whole_scalar_when_escapes_or_block_style_hide_columns()
    {
        // Columns inside an escaped or block scalar do not map onto the source; the product then marks the whole scalar.
        var result = await Validate("underline-fallback", "steps:\n  - id: announce\n    uses: flow.log\n    with:\n"
            + "      message: \"say \\\"hi\\\" to ${{ params.who }}\"\n"
            + "  - id: single\n    uses: flow.log\n    with:\n      message: 'it''s ${{ params.whom }}'\n"
            + "  - id: block\n    uses: flow.log\n    with:\n      message: |\n        first line\n        then ${{ steps.nope.outputs.x }}\n");

        result.ShouldMatchSnapshot("validate-underline-fallback");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        UnderlinedTexts(result.Stderr, "RB0502").ShouldBe(["\"say \\\"hi\\\" to ${{ params.who }}\"", "'it''s ${{ params.whom }}'"]);
        UnderlinedTexts(result.Stderr, "RB0503").ShouldBe(["|"]);
    }

    [Fact]
    public async Task Missing_path_and_empty_folder_are_reported()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));

        var result = await CliRunner.RunAsync(_dir.Path, "validate", "no-such.yaml", "empty", "--catalog", "runbooks");

        result.ShouldMatchSnapshot("validate-missing-path");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
    }

    private async Task<CliResult> Validate(string name, string body)
    {
        _dir.Write($"runbooks/bad/{name}.yaml", Header(name) + body.ReplaceLineEndings("\n") + "\n");
        var result = await CliRunner.RunAsync(_dir.Path, "validate", $"runbooks/bad/{name}.yaml", "--catalog", "runbooks");
        result.ShouldNotShowStackTrace();
        return result;
    }

    internal static string Header(string name) => $"""
        apiVersion: runbook/v1
        kind: Runbook
        metadata:
          name: bad/{name}
          version: 1.0.0
          title: A runbook with a mistake

        """.ReplaceLineEndings("\n");

    private static (int Line, int Column) Position(string header)
    {
        // <path>:<line>:<col>: error ...
        var parts = header[..header.IndexOf(": error", StringComparison.Ordinal)].Split(':');
        return (int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>For each diagnostic with <paramref name="code"/>, the source text above its carets.</summary>
    private static List<string> UnderlinedTexts(string stderr, string code)
    {
        var lines = stderr.Split('\n');
        var texts = new List<string>();
        for (var at = 0; at < lines.Length; at++)
        {
            if (!lines[at].Contains($" {code}: ", StringComparison.Ordinal))
            {
                continue;
            }

            // header, empty gutter, "<n> | <source>", "  | <carets>": carets and source share the gutter width.
            var source = lines[at + 2];
            var carets = lines[at + 3];
            var start = carets.IndexOf('^', StringComparison.Ordinal);
            start.ShouldBeGreaterThan(0, $"no underline under {lines[at]}");
            texts.Add(source.Substring(start, carets.LastIndexOf('^') - start + 1));
        }

        return texts;
    }
}
