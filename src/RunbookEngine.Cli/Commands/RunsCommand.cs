using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RunbookEngine.Cli.Running;
using Spectre.Console;

namespace RunbookEngine.Cli.Commands;

internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("runs", "List runs: id, runbook@version, state, started, duration") { CommonOptions.Json, CommonOptions.StateDir };
        command.SetAction(parse => RunErrors.GuardAsync(context, () =>
        {
            var runs = context.StoreFor(parse).ListRuns();
            var rows = runs.Select(r => new
            {
                id = r.Id,
                runbook = r.Identity,
                state = r.Problem is null ? r.State?.ToString().ToLowerInvariant() ?? "created" : "damaged",
                interrupted = r.Abandoned,
                started = r.StartedAt?.ToString("u", CultureInfo.InvariantCulture),
                durationSeconds = r.StartedAt is { } s && r.LastRecordAt is { } l ? Math.Round((l - s).TotalSeconds, 1) : (double?)null,
                problem = r.Problem,
            }).ToList();
            if (parse.GetValue(CommonOptions.Json))
            {
                context.Env.Out.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("RUN", "RUNBOOK", "STATE", "STARTED", "DURATION");
            foreach (var row in rows)
            {
                table.AddRow(row.id, Markup.Escape(row.runbook), row.problem is not null ? $"damaged: {Markup.Escape(row.problem)}" : row.interrupted ? "interrupted (resume it)" : row.state, row.started ?? "-",
                    row.durationSeconds is { } d ? $"{d.ToString(CultureInfo.InvariantCulture)}s" : "-");
            }

            context.Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
