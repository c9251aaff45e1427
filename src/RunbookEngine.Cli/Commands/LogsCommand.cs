using System.CommandLine;
using System.Text.Json;
using RunbookEngine.Cli.Running;

namespace RunbookEngine.Cli.Commands;

internal static partial class LogsCommand
{
    /// <summary>
    /// The message from its template and properties, strings unquoted as the operator saw them on the console
    /// (Serilog's RenderedMessage quotes strings).
    /// </summary>
    internal static string? Render(JsonElement entry)
    {
        if (!entry.TryGetProperty("MessageTemplate", out var template) || template.GetString() is not { } text)
        {
            return null;
        }

        entry.TryGetProperty("Properties", out var properties);
        return Placeholder().Replace(text, m =>
            properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(m.Groups[1].Value, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.True => "True", // as the console printed it (Serilog writes a bool as .NET does)
                    JsonValueKind.False => "False",
                    _ => value.GetRawText(),
                }
                : m.Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The run" };
        var command = new Command("logs", "Print a run's log (the JSON log in its run folder, rendered as lines)") { runId, context.Options.Json, context.Options.StateDir };
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
                if (parse.GetValue(context.Options.Json))
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
                    var message = Render(root) ?? line;
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
