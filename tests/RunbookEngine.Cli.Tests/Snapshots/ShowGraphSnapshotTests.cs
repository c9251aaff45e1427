using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>'show' and 'graph' on the sample runbooks, by path and by catalog name, and the errors for names that do not resolve.</summary>
public sealed class ShowGraphSnapshotTests
{
    private const string Preflight = "runbooks/examples/preflight.yaml";
    private const string BackupCluster = "examples/backup-cluster";

    [Fact]
    public async Task Show_preflight_by_path()
    {
        var result = await Run("show", Preflight);

        result.ShouldMatchSnapshot("show-preflight");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_backup_cluster_by_catalog_name()
    {
        var result = await Run("show", BackupCluster);

        result.ShouldMatchSnapshot("show-backup-cluster");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Graph_preflight_mermaid()
    {
        var result = await Run("graph", Preflight, "--format", "mermaid");

        result.ShouldMatchSnapshot("graph-preflight-mermaid");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stdout.ShouldStartWith("flowchart TD\n");
        MermaidIdsShouldNotBeKeywords(result.Stdout);
    }

    [Fact]
    public async Task Graph_preflight_dot()
    {
        var result = await Run("graph", Preflight, "--format", "dot");

        result.ShouldMatchSnapshot("graph-preflight-dot");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stdout.ShouldStartWith("digraph runbook {\n");
    }

    [Fact]
    public async Task Graph_backup_cluster_mermaid()
    {
        var result = await Run("graph", BackupCluster, "--format", "mermaid");

        result.ShouldMatchSnapshot("graph-backup-cluster-mermaid");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        MermaidIdsShouldNotBeKeywords(result.Stdout);
    }

    [Fact]
    public async Task Graph_backup_cluster_dot()
    {
        var result = await Run("graph", BackupCluster, "--format", "dot");

        result.ShouldMatchSnapshot("graph-backup-cluster-dot");
        result.ExitCode.ShouldBe(ExitCodes.Success);
    }

    [Fact]
    public async Task Graph_defaults_to_mermaid()
    {
        var explicitMermaid = await Run("graph", Preflight, "--format", "mermaid");
        var byDefault = await Run("graph", Preflight);

        byDefault.ExitCode.ShouldBe(ExitCodes.Success);
        byDefault.Stdout.ShouldBe(explicitMermaid.Stdout);
    }

    [Fact]
    public async Task Unknown_version_exits_2_and_lists_the_versions()
    {
        var result = await Run("show", "examples/preflight@9.9.9");

        result.ShouldMatchSnapshot("show-unknown-version");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain("= hint: versions in the catalog: 1.0.0");
    }

    [Fact]
    public async Task Unknown_name_exits_2_and_suggests_the_closest()
    {
        var result = await Run("graph", "examples/prefligth");

        result.ShouldMatchSnapshot("graph-unknown-name");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain("did you mean 'examples/preflight'?");
    }

    [Fact]
    public async Task Neither_a_file_nor_a_name_exits_2_with_a_hint()
    {
        var result = await Run("show", "Preflight.YAML");

        result.ShouldMatchSnapshot("show-not-a-file-or-name");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stderr.ShouldContain("= hint:");
    }

    /// <summary>Mermaid takes a node called 'end' (or 'subgraph') for a keyword and rejects the whole chart.</summary>
    internal static void MermaidIdsShouldNotBeKeywords(string mermaid)
    {
        foreach (var line in mermaid.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "end" && !l.StartsWith("flowchart ", StringComparison.Ordinal)))
        {
            var words = line.Split(' ');
            var ids = line.Contains("-->", StringComparison.Ordinal) || line.Contains("-.->", StringComparison.Ordinal)
                ? [words[0], words[^1]]
                : new[] { words[0] == "subgraph" ? words[1] : words[0] }.Select(w => w.Split('[', '(')[0]).ToArray();
            ids.ShouldAllBe(id => id != "end" && id != "subgraph" && id != "graph", $"keyword used as a node id in: {line}");
        }
    }

    private static async Task<CliResult> Run(params string[] args)
    {
        var result = await CliRunner.RunInRepoAsync([.. args, "--catalog", "runbooks"]);
        result.ShouldNotShowStackTrace();
        return result;
    }
}
