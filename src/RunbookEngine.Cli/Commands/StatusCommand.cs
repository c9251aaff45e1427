using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RunbookEngine.Cli.Running;
using RunbookEngine.Journal;
using Spectre.Console;

namespace RunbookEngine.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The run" };
        var command = new Command("status", "Show a run's steps with states, attempts, durations and outputs") { runId, context.Options.Json, context.Options.StateDir };
        command.SetAction(parse => RunErrors.GuardAsync(context, () =>
        {
            var run = context.StoreFor(parse).ReadRun(parse.GetValue(runId)!);
            var history = run.History;

            // A step started but not ended is in doubt only once nobody drives the run; while its engine lives, it runs.
            var live = history.State == RecordedRunState.Running && !run.Abandoned;
            var steps = history.Steps.Select(s => new
            {
                step = s.Key.Step,
                item = s.Key.Item,
                state = live && s.State == RecordedStepState.InDoubt ? "Running" : s.State.ToString(),
                attempts = s.Attempts,
                seconds = Math.Round((s.LastChangedAt - s.FirstSeenAt).TotalSeconds, 1),
                outputs = s.Outputs, // as JSON, not a string holding JSON: a script reads outputs.exitCode directly
                error = s.LastFailure?.Message,
            }).ToList();
            var left = run.Abandoned ? context.StoreFor(parse).ProgramsLeftRunning(run.Folder.Id) : [];
            if (parse.GetValue(context.Options.Json))
            {
                var programsLeftRunning = left.Select(p => new { pid = p.ProcessId, command = p.CommandLine }).ToList();
                context.Env.Out.WriteLine(JsonSerializer.Serialize(new { id = run.Folder.Id, runbook = $"{run.Manifest.Runbook}@{run.Manifest.Version}", state = history.State.ToString(), interrupted = run.Abandoned, programsLeftRunning, pause = history.PauseReason, steps },
                    new JsonSerializerOptions { WriteIndented = true }));
                return Task.FromResult(ExitCodes.Success);
            }

            context.Env.Out.WriteLine($"run {run.Folder.Id}  {run.Manifest.Runbook}@{run.Manifest.Version}  {(run.Abandoned ? "interrupted" : history.State.ToString().ToLowerInvariant())}");
            if (run.Abandoned)
            {
                context.Env.Out.WriteLine($"interrupted: the engine that drove this run is gone (killed, crashed, or its machine restarted); continue with: runbook resume {run.Folder.Id}");
                foreach (var (pid, commandLine) in left)
                {
                    context.Env.Out.WriteLine($"still running: pid {pid} ({commandLine}), started for a step by that engine; resume refuses while it runs (kill {pid} stops it)");
                }
            }

            if (history.PauseReason is { } reason && history.State.ToString() == "Paused")
            {
                context.Env.Out.WriteLine($"paused: {reason}");
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("STEP").NoWrap()).AddColumn("STATE").AddColumn("ATTEMPTS").AddColumn("DURATION").AddColumn("OUTPUTS / ERROR");

            // A foreach step's own row comes first, then its items in order, wherever the journal recorded them.
            var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in steps)
            {
                firstSeen.TryAdd(s.step, firstSeen.Count);
            }

            foreach (var index in Enumerable.Range(0, steps.Count).OrderBy(i => firstSeen[steps[i].step]).ThenBy(i => steps[i].item ?? -1))
            {
                // steps[i] was made from history.Steps[i]: its outputs are read from there, not looked up again.
                var s = steps[index];
                var detail = s.error is { } e && s.state != "Succeeded" ? e : OutputsText(history.Steps[index].Outputs);
                table.AddRow(Markup.Escape(s.item is { } i ? $"{s.step}[{i}]" : s.step), s.state.ToLowerInvariant(), s.attempts.ToString(CultureInfo.InvariantCulture),
                    $"{s.seconds.ToString(CultureInfo.InvariantCulture)}s", Markup.Escape(Cut(detail, 120)));
            }

            context.Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>
    /// Outputs for a person: <c>name=value</c> pairs that wrap between pairs, not inside a JSON token; a list (what a
    /// foreach step collects from its items) as its length, a nested list or object by its size. <c>--json</c> and
    /// <c>runbook logs</c> have them whole.
    /// </summary>
    internal static string OutputsText(JsonElement? outputs)
    {
        switch (outputs)
        {
            case null:
                return string.Empty;
            case { ValueKind: JsonValueKind.Array } list:
                var count = list.GetArrayLength();
                return count == 1 ? "1 item" : $"{count} items";
            case { ValueKind: JsonValueKind.Object } map:
                var pairs = new List<string>();
                foreach (var property in map.EnumerateObject())
                {
                    pairs.Add($"{property.Name}={Cut(Scalar(property.Value), 40)}");
                }

                return string.Join(", ", pairs);
            case { } other:
                return Scalar(other);
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { } text && text.Length > 0 && !text.Contains(' ', StringComparison.Ordinal) && !text.Contains(',', StringComparison.Ordinal)
            ? text
            : JsonSerializer.Serialize(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() switch { 0 => "[]", 1 => "[1 item]", var n => $"[{n} items]" },
        JsonValueKind.Object => "{…}",
        _ => value.GetRawText(),
    };

    private static string Cut(string text, int max)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length > max ? text[..(max - 1)] + "…" : text;
    }
}
