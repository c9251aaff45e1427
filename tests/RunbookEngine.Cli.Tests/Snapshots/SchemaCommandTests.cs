using System.Text.Json;
using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Snapshots;

/// <summary>'runbook schema' prints the schema editors use; when it is committed, the two must agree.</summary>
public sealed class SchemaCommandTests
{
    private static readonly string[] BuiltInActivityNames =
        ["exec", "flow.approve", "flow.assert", "flow.fail", "flow.log", "fs.backup", "fs.stat", "net.assert-port-closed", "net.wait-port"];

    [Fact]
    public async Task Schema_matches_the_committed_file_or_is_a_complete_schema()
    {
        var result = await CliRunner.RunInRepoAsync("schema");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.Stderr.ShouldBeEmpty();
        var committed = RepoPaths.Combine("schemas", "runbook.schema.json");
        if (File.Exists(committed))
        {
            result.Stdout.ShouldBe(File.ReadAllText(committed).ReplaceLineEndings("\n"), "schemas/runbook.schema.json is stale; regenerate it with 'runbook schema'");
        }
        else
        {
            ShouldBeACompleteSchema(result.Stdout);
        }
    }

    [Fact]
    public async Task Schema_is_json_with_a_definition_per_activity()
    {
        var result = await CliRunner.RunInRepoAsync("schema");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        ShouldBeACompleteSchema(result.Stdout);
    }

    private static void ShouldBeACompleteSchema(string text)
    {
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("$schema").GetString().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        text.ShouldContain("\"$defs\"");
        var defs = json.RootElement.GetProperty("$defs");
        BuiltInActivityNames.ShouldBeSubsetOf(BuiltIns.Activities.All.Select(a => a.Name));
        foreach (var name in BuiltIns.Activities.All.Select(a => a.Name))
        {
            defs.TryGetProperty("activity." + name, out _).ShouldBeTrue($"$defs has no activity.{name}");
        }
    }
}
