using System.CommandLine;
using System.Text.Json;
using RunbookEngine.Diagnostics;
using Spectre.Console;

namespace RunbookEngine.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List the runbooks of the catalog with versions and sources") { context.Options.Json };
        command.SetAction(parse => Run(context, parse, parse.GetValue(context.Options.Json)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, bool json)
    {
        var catalog = context.CatalogFor(parse);
        if (catalog is null)
        {
            context.Printer.Print([new Diagnostic(DiagnosticCodes.PathNotFound, SourceSpan.WholeFile(context.Env.WorkingDirectory), string.Empty,
                "no catalog found: there is no 'runbooks' folder here or above", "give one with --catalog <dir> or set RUNBOOK_CATALOG")], []);
            return ExitCodes.InvalidInput;
        }

        if (!Directory.Exists(catalog.Root))
        {
            // A mistyped --catalog or $RUNBOOK_CATALOG must not look like an empty catalog to a script.
            context.Printer.Print([new Diagnostic(DiagnosticCodes.PathNotFound, SourceSpan.WholeFile(Loading.RunbookLoader.DisplayPath(catalog.Root)), string.Empty,
                "the catalog folder does not exist", "check --catalog and $RUNBOOK_CATALOG; without them the nearest 'runbooks' folder is used")], []);
            return ExitCodes.InvalidInput;
        }

        var rows = catalog.Entries
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenByDescending(e => e.Metadata?.Version)
            .Select(e => new
            {
                name = e.Name,
                version = e.Metadata?.Version.ToString() ?? "?",
                title = e.Metadata?.Title ?? string.Empty,
                source = e.Metadata?.Source?.ToString() ?? string.Empty,
                errors = e.Shallow.Diagnostics.Count(d => d.IsError),
                path = Loading.RunbookLoader.DisplayPath(e.Path),
            })
            .ToList();
        if (json)
        {
            context.Env.Out.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Success;
        }

        // Names and versions are what an operator copies into the next command: never broken across lines. The source
        // goes under the title, where a 100-column table has room for a document name without breaking it.
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("NAME").NoWrap())
            .AddColumn(new TableColumn("VERSION").NoWrap())
            .AddColumn(new TableColumn("TITLE AND SOURCE"));
        foreach (var row in rows)
        {
            var invalid = row.errors > 0 ? $" [red](invalid: {row.errors} error{(row.errors == 1 ? string.Empty : "s")}; see 'runbook validate')[/]" : string.Empty;
            var source = row.source.Length > 0 ? $"\n[dim]source: {Markup.Escape(row.source)}[/]" : string.Empty;
            table.AddRow(Markup.Escape(row.name), row.version, Markup.Escape(row.title) + invalid + source);
        }

        context.Console.Write(table);
        context.Env.Out.WriteLine($"{rows.Count} runbook{(rows.Count == 1 ? string.Empty : "s")} in {Loading.RunbookLoader.DisplayPath(catalog.Root)}");
        return ExitCodes.Success;
    }
}
