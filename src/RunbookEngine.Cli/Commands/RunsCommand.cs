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
        var command = new Command("runs", "List runs: id, runbook@version, state, started, duration") { context.Options.Json, context.Options.StateDir };
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
            if (parse.GetValue(context.Options.Json))
            {
                context.Env.Out.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
                return Task.FromResult(ExitCodes.Success);
            }

            if (rows.Count == 0)
            {
                // A mistyped --state-dir looks like "no runs" otherwise; say so when the folder is not there at all.
                var store = context.StoreFor(parse);
                context.Env.Out.WriteLine(Directory.Exists(store.StateDirectory)
                    ? $"no runs in {store.RunsDirectory}"
                    : $"no runs: the state directory {store.StateDirectory} does not exist (--state-dir, RUNBOOK_STATE_DIR)");
                return Task.FromResult(ExitCodes.Success);
            }

            // Ids, states and times are copied into other commands: never wrapped. The runbook column takes the squeeze.
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("RUN").NoWrap())
                .AddColumn(new TableColumn("RUNBOOK"))
                .AddColumn(new TableColumn("STATE").NoWrap())
                .AddColumn(new TableColumn("STARTED").NoWrap())
                .AddColumn(new TableColumn("DURATION").NoWrap());
            foreach (var row in rows)
            {
                table.AddRow(row.id, Markup.Escape(row.runbook), row.problem is not null ? "damaged" : row.interrupted ? "interrupted" : row.state, row.started is { } started ? started.Replace(' ', 'T') : "-",
                    row.durationSeconds is { } d ? $"{d.ToString(CultureInfo.InvariantCulture)}s" : "-");
            }

            // Piped into grep or a file, a run is one line however long its runbook's name: the table may be as wide as
            // it needs (a terminal keeps its own width, and scripts have --json).
            var console = context.Console;
            if (!context.Env.IsTerminal)
            {
                console.Profile.Width = 400;
            }

            console.Write(table);

            // What is wrong with a damaged run is a sentence, not a state: it goes under the table, where it can wrap.
            // (In the no-wrap state column it made the table too wide to draw at all.)
            foreach (var row in rows.Where(r => r.problem is not null))
            {
                context.Env.Out.WriteLine($"{row.id} is damaged: {row.problem}");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
