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
                outputs = s.Outputs?.GetRawText(),
                error = s.LastFailure?.Message,
            }).ToList();
            if (parse.GetValue(context.Options.Json))
            {
                context.Env.Out.WriteLine(JsonSerializer.Serialize(new { id = run.Folder.Id, runbook = $"{run.Manifest.Runbook}@{run.Manifest.Version}", state = history.State.ToString(), interrupted = run.Abandoned, pause = history.PauseReason, steps },
                    new JsonSerializerOptions { WriteIndented = true }));
                return Task.FromResult(ExitCodes.Success);
            }

            context.Env.Out.WriteLine($"run {run.Folder.Id}  {run.Manifest.Runbook}@{run.Manifest.Version}  {(run.Abandoned ? "interrupted" : history.State.ToString().ToLowerInvariant())}");
            if (run.Abandoned)
            {
                context.Env.Out.WriteLine($"interrupted: the engine that drove this run is gone (killed, crashed, or its machine restarted); continue with: runbook resume {run.Folder.Id}");
            }

            if (history.PauseReason is { } reason && history.State.ToString() == "Paused")
            {
                context.Env.Out.WriteLine($"paused: {reason}");
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("STEP", "STATE", "ATTEMPTS", "DURATION", "OUTPUTS / ERROR");
            foreach (var s in steps)
            {
                var detail = s.error is { } e && s.state != "Succeeded" ? e : s.outputs ?? string.Empty;
                table.AddRow(Markup.Escape(s.item is { } i ? $"{s.step}[{i}]" : s.step), s.state.ToLowerInvariant(), s.attempts.ToString(CultureInfo.InvariantCulture),
                    $"{s.seconds.ToString(CultureInfo.InvariantCulture)}s", Markup.Escape(detail.Length > 60 ? detail[..57] + "..." : detail));
            }

            context.Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
