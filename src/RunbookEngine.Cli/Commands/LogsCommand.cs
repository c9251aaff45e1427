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

    /// <summary>How often --follow looks for new lines and whether the run is still driven.</summary>
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The run" };
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = "Keep printing new lines while a process drives the run (a colleague's restore); ends when it stops",
        };
        var command = new Command("logs", "Print a run's log (the JSON log in its run folder, rendered as lines)") { runId, follow, context.Options.Json, context.Options.StateDir };
        command.SetAction((parse, ct) => RunErrors.GuardAsync(context, async () =>
        {
            var folder = context.StoreFor(parse).Find(parse.GetValue(runId)!);
            var json = parse.GetValue(context.Options.Json);
            if (!parse.GetValue(follow))
            {
                if (!File.Exists(folder.LogFile))
                {
                    await context.Env.Out.WriteLineAsync("(no log yet)");
                    return ExitCodes.Success;
                }

                foreach (var line in File.ReadLines(folder.LogFile))
                {
                    await WriteAsync(context, line, json);
                }

                return ExitCodes.Success;
            }

            // Complete lines only: the engine may be in the middle of writing one.
            long offset = 0;
            var partial = new List<byte>();
            while (true)
            {
                var driven = !Runs.RunLock.IsAbandoned(folder.Directory);
                foreach (var line in ReadNewLines(folder.LogFile, ref offset, partial))
                {
                    await WriteAsync(context, line, json);
                }

                if (!driven)
                {
                    // Read after the check: what the engine wrote before letting go is printed.
                    if (offset == 0 && !File.Exists(folder.LogFile))
                    {
                        await context.Env.Out.WriteLineAsync("(no log yet)");
                    }

                    return ExitCodes.Success;
                }

                await Task.Delay(FollowInterval, ct);
            }
        }));
        return command;
    }

    private static List<string> ReadNewLines(string file, ref long offset, List<byte> partial)
    {
        var lines = new List<string>();
        byte[] bytes;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            if (stream.Length <= offset)
            {
                return lines;
            }

            stream.Seek(offset, SeekOrigin.Begin);
            bytes = new byte[stream.Length - offset];
            stream.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return lines; // not written yet
        }

        offset += bytes.Length;
        var rest = bytes.AsSpan();
        for (var newline = rest.IndexOf((byte)'\n'); newline >= 0; newline = rest.IndexOf((byte)'\n'))
        {
            partial.AddRange(rest[..newline]);
            lines.Add(System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(partial)));
            partial.Clear();
            rest = rest[(newline + 1)..];
        }

        partial.AddRange(rest);
        return lines;
    }

    private static async Task WriteAsync(CliContext context, string line, bool json)
    {
        if (json)
        {
            await context.Env.Out.WriteLineAsync(line);
            return;
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
}
