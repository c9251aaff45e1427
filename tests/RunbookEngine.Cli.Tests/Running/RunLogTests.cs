using System.Text.Json;
using RunbookEngine.Cli.Commands;
using RunbookEngine.Cli.Running;
using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Running;

/// <summary>What the operator reads while a run goes, and what 'runbook logs' shows of it later.</summary>
public sealed class RunLogTests
{
    [Fact]
    public void Text_values_print_as_they_are_and_logs_renders_the_same_line_from_the_json_file()
    {
        using var dir = new TempDir();
        var file = dir.Combine("log.jsonl");
        var console = new StringWriter { NewLine = "\n" };
        using (var log = new RunLog(file, console))
        {
            log.Info("{Step} ({Activity}) done after {Elapsed}: {Count} items, verified {Verified}", "wait-recovered", "openmldb.wait-ops", "154ms", 3, true);
        }

        var line = console.ToString().TrimEnd('\n');
        line.ShouldEndWith(" INFO wait-recovered (openmldb.wait-ops) done after 154ms: 3 items, verified True");
        using var entry = JsonDocument.Parse(File.ReadLines(file).Single());
        var rendered = LogsCommand.Render(entry.RootElement);
        line.ShouldEndWith(" INFO " + rendered);
    }
}
