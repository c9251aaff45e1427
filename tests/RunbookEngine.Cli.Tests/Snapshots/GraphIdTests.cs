using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>Step ids that differ only in '-' against '_' stay two nodes in both drawing languages.</summary>
public sealed class GraphIdTests : IDisposable
{
    private readonly TempDir _dir = new();

    public GraphIdTests() =>
        _dir.Write("runbooks/db/ids.yaml", """
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: db/ids, version: 1.0.0, title: Lookalike ids }
            steps:
              - { id: copy-data, uses: flow.log, with: { message: one } }
              - { id: copy_data, uses: flow.log, with: { message: two } }
            """);

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("mermaid", "s_copy_data[", "s_copy_data_2[")]
    [InlineData("dot", "\"s_copy_data\" [", "\"s_copy_data_2\" [")]
    public async Task Lookalike_step_ids_get_distinct_nodes_and_edges(string format, string first, string second)
    {
        var result = await CliRunner.RunAsync(_dir.Path, "graph", "db/ids", "--catalog", "runbooks", "--format", format);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Stderr);
        result.Stdout.ShouldContain(first);
        result.Stdout.ShouldContain(second);
        result.Stdout.ShouldContain(format == "mermaid" ? "s_copy_data --> s_copy_data_2" : "\"s_copy_data\" -> \"s_copy_data_2\"");
    }
}
