using System.CommandLine;
using System.Text.Json;
using RunbookEngine.Cli.Running;

namespace RunbookEngine.Cli.Commands;

internal static class LogsCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The run" };
        var command = new Command("logs", "Print a run's log (the JSON log in its run folder, rendered as lines)") { runId, CommonOptions.Json, CommonOptions.StateDir };
        command.SetAction(parse => RunErrors.GuardAsync(context, async () =>
        {
            var folder = context.StoreFor(parse).Find(parse.GetValue(runId)!);
            if (!File.Exists(folder.LogFile))
            {
                await context.Env.Out.WriteLineAsync("(no log yet)");
                return ExitCodes.Success;
            }

            foreach (var line in File.ReadLines(folder.LogFile))
            {
                if (parse.GetValue(CommonOptions.Json))
                {
                    await context.Env.Out.WriteLineAsync(line);
                    continue;
                }

                try
                {
                    using var entry = JsonDocument.Parse(line);
                    var root = entry.RootElement;
                    var time = root.TryGetProperty("Timestamp", out var t) ? t.GetString() : "?";
                    var level = root.TryGetProperty("Level", out var l) ? l.GetString() : "Information";
                    var message = root.TryGetProperty("RenderedMessage", out var m) ? m.GetString() : line;
                    await context.Env.Out.WriteLineAsync($"{time} {level?[..4].ToUpperInvariant()} {message}");
                }
                catch (JsonException)
                {
                    // The last line may be cut short by a crash; show it as it is.
                    await context.Env.Out.WriteLineAsync(line);
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
