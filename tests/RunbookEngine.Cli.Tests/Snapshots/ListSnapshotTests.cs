using System.Text.Json;
using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>'list' on a catalog of its own: one runbook in two versions and one invalid runbook.</summary>
public sealed class ListSnapshotTests : IDisposable
{
    private readonly TempDir _dir = new();

    public ListSnapshotTests()
    {
        _dir.Write("runbooks/db/restore.yaml", Runbook("db/restore", "1.1.0", "Restore a node from its latest backup", "source: ops-manual.txt#4.2"));
        _dir.Write("runbooks/db/restore@1.0.0.yaml", Runbook("db/restore", "1.0.0", "Restore a node from a backup [first cut]", "source: ops-manual.txt#4.1"));
        _dir.Write("runbooks/db/broken.yaml", Runbook("db/broken", "0.1.0", "Half-written runbook", string.Empty).Replace("uses: flow.log", "uses: flow.lgo", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task List_shows_versions_newest_first_and_flags_the_invalid_runbook()
    {
        var result = await CliRunner.RunAsync(_dir.Path, "list", "--catalog", "runbooks");

        result.ShouldMatchSnapshot("list");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        result.Stdout.ShouldEndWith($"3 runbooks in {_dir.Combine("runbooks")}\n");
        result.Stdout.IndexOf("1.1.0", StringComparison.Ordinal).ShouldBeLessThan(result.Stdout.IndexOf("1.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_json_is_parseable_and_complete()
    {
        var result = await CliRunner.RunAsync(_dir.Path, "list", "--json", "--catalog", "runbooks");

        result.ShouldMatchSnapshot("list-json");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = json.RootElement.EnumerateArray().Select(e => (Name: e.GetProperty("name").GetString(), Version: e.GetProperty("version").GetString(), Errors: e.GetProperty("errors").GetInt32())).ToList();
        rows.ShouldBe([("db/broken", "0.1.0", 1), ("db/restore", "1.1.0", 0), ("db/restore", "1.0.0", 0)]);
    }

    [Fact]
    public async Task List_of_a_catalog_folder_that_does_not_exist_exits_2()
    {
        var result = await CliRunner.RunAsync(_dir.Path, "list", "--json", "--catalog", "nowhere");

        result.ShouldMatchSnapshot("list-missing-catalog");
        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Stdout.ShouldBeEmpty();
        result.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task List_of_an_empty_catalog_folder_lists_nothing()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));

        var result = await CliRunner.RunAsync(_dir.Path, "list", "--catalog", "empty");

        result.ShouldMatchSnapshot("list-empty-catalog");
        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stdout.ShouldEndWith($"0 runbooks in {_dir.Combine("empty")}\n");
    }

    private static string Runbook(string name, string version, string title, string source) => $"""
        apiVersion: runbook/v1
        kind: Runbook
        metadata:
          name: {name}
          version: {version}
          title: {title}
          {source}
        steps:
          - id: announce
            uses: flow.log
            with:
              message: hello

        """.ReplaceLineEndings("\n");
}
