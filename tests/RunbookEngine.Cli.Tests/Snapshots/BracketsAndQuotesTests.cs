using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>
/// Text from runbooks is printed as written: square brackets are not Spectre markup, and quotes and angle
/// brackets do not break Mermaid or Graphviz labels.
/// </summary>
public sealed class BracketsAndQuotesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public BracketsAndQuotesTests() =>
        _dir.Write("runbooks/db/odd-text.yaml", """
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: db/odd-text
              version: 1.0.0
              title: "[red]Not markup[/] with \"quotes\" and <angle> brackets"
              description: |
                Lines with [bold]brackets[/] and [link=x]links[/] stay literal.
            parameters:
              tags:
                type: list
                items: string
                default: ["[a]", "b]"]
                description: "[dim]shown as written[/]"
              mode:
                type: enum
                values: [fast, "[safe]"]
                default: "[safe]"
            steps:
              - id: first_step
                title: "[yellow]warn[/] \"now\" <b>"
                uses: flow.log
                with:
                  message: "${{ join(params.tags, ', ') }}"
              - id: group-1
                title: "[[nested]]"
                when: ${{ params.mode == '[safe]' }}
                steps:
                  - id: inner
                    uses: flow.log
                    with:
                      message: inner
            """);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Show_prints_brackets_literally()
    {
        var result = await Run("show");

        result.ShouldMatchSnapshot("brackets-show");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stdout.ShouldContain("[red]Not markup[/]");
        result.Stdout.ShouldContain("[yellow]warn[/]");
        result.Stdout.ShouldContain("[dim]shown as written[/]");
        result.Stdout.ShouldContain("[bold]brackets[/]");
    }

    [Fact]
    public async Task Graph_mermaid_escapes_quotes_and_angle_brackets()
    {
        var result = await Run("graph", "--format", "mermaid");

        result.ShouldMatchSnapshot("brackets-graph-mermaid");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stdout.ShouldContain("#quot;now#quot; #lt;b#gt;");
        ShowGraphSnapshotTests.MermaidIdsShouldNotBeKeywords(result.Stdout);
    }

    [Fact]
    public async Task Graph_dot_escapes_quotes()
    {
        var result = await Run("graph", "--format", "dot");

        result.ShouldMatchSnapshot("brackets-graph-dot");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stdout.ShouldContain("\\\"now\\\" <b>");
    }

    private async Task<CliResult> Run(params string[] args)
    {
        var result = await CliRunner.RunAsync(_dir.Path, [args[0], "db/odd-text", .. args[1..], "--catalog", "runbooks"]);
        result.ShouldNotShowStackTrace();
        return result;
    }
}
