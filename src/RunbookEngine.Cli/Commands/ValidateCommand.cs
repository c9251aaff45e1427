using System.CommandLine;
using RunbookEngine.Catalog;
using RunbookEngine.Diagnostics;
using RunbookEngine.Loading;
using RunbookEngine.Syntax;

namespace RunbookEngine.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the problems as JSON (code, severity, file, line, column, message, hint) for editors and CI" };
        var paths = new Argument<string[]>("paths") { Description = "Runbook files or folders (folders are searched for *.yaml)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check runbooks and report every problem with file, line and column (exit 0 valid, 2 invalid); -p/--params also check parameter values for one runbook")
        {
            paths, context.Options.Parameters, context.Options.ParamsFile, json,
        };
        command.SetAction(parse =>
        {
            var assignments = parse.GetValue(context.Options.Parameters) ?? [];
            var paramsFile = parse.GetValue(context.Options.ParamsFile);

            // Read only when given: GetValue<bool> is compiled at run time (about 1 ms of a plain validate's start-up).
            var asJson = parse.GetResult(json) is not null && parse.GetValue(json);
            if ((assignments.Length > 0 || paramsFile is not null) && asJson)
            {
                context.Env.Error.WriteLine("runbook: error: --json reports the problems of runbook files; it cannot be combined with -p or --params");
                return ExitCodes.InvalidInput;
            }

            return assignments.Length > 0 || paramsFile is not null
                ? ValidateParameters(context, parse, parse.GetValue(paths) ?? [], assignments, paramsFile)
                : Run(context, parse, parse.GetValue(paths) ?? [], asJson);
        });
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string[] arguments, bool json)
    {
        var diagnostics = new List<Diagnostic>();
        var sources = new List<SourceText>();
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument, context.Env.WorkingDirectory);
            if (Directory.Exists(full))
            {
                var found = RunbookFiles.Under(full).ToList();
                if (found.Count == 0)
                {
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.NothingToValidate, SourceSpan.WholeFile(argument), string.Empty,
                        "the folder holds no .yaml files", "give the folder that holds the runbooks, e.g. runbooks/"));
                }

                files.AddRange(found);
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.PathNotFound, SourceSpan.WholeFile(argument), string.Empty,
                    "no such file or folder", "check the path; 'runbook list' shows the catalog"));
            }
        }

        var distinct = files.Distinct(StringComparer.Ordinal).ToArray();
        var catalogs = distinct.Select(file => context.CatalogFor(parse, Path.GetDirectoryName(file))).ToArray();

        // The catalog reads files when they are first needed; the ones given are read here on both cores at once.
        var toPreload = new Dictionary<RunbookCatalog, List<string>>();
        for (var i = 0; i < distinct.Length; i++)
        {
            if (catalogs[i] is { } catalog)
            {
                if (!toPreload.TryGetValue(catalog, out var list))
                {
                    toPreload[catalog] = list = [];
                }

                list.Add(distinct[i]);
            }
        }

        foreach (var (catalog, list) in toPreload)
        {
            catalog.Preload(list);
        }

        // Each file is checked on its own; they are spread over the cores and the results taken in order.
        var results = Concurrently.Map(distinct.Length, i => catalogs[i]?.LoadChecked(distinct[i]) ?? new RunbookLoader(context.Activities).LoadFile(distinct[i]));
        var catalogsSeen = new HashSet<RunbookCatalog>();
        for (var i = 0; i < distinct.Length; i++)
        {
            var file = distinct[i];
            var catalog = catalogs[i];
            var result = results[i];
            diagnostics.AddRange(result.Diagnostics);
            if (result.Source is not null)
            {
                sources.Add(result.Source);
            }

            if (catalog is not null && catalog.Contains(file) && catalogsSeen.Add(catalog))
            {
                // Catalog-wide problems (a name that does not match its path, a duplicate version) concern the files validated.
                var validated = files.Select(RunbookLoader.DisplayPath).ToHashSet(StringComparer.Ordinal);
                diagnostics.AddRange(catalog.DiagnosticsOf(files).Where(d => validated.Contains(d.Span.File)));
            }
        }

        var ordered = diagnostics.Distinct()
            .OrderBy(d => d.Span.File, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        if (json)
        {
            Output.DiagnosticJson.Write(context.Env.Out, ordered, files.Count);
            return ordered.Exists(d => d.IsError) ? ExitCodes.InvalidInput : ExitCodes.Success;
        }

        context.Printer.Print(ordered, sources);
        var errors = ordered.Count(d => d.IsError);
        var warnings = ordered.Count - errors;
        var invalidFiles = ordered.Where(d => d.IsError).Select(d => d.Span.File).Distinct().Count();
        var summary = errors == 0
            ? $"{files.Count} runbook{Plural(files.Count)} valid{(warnings > 0 ? $", {warnings} warning{Plural(warnings)}" : string.Empty)}"
            : $"{invalidFiles} of {Math.Max(files.Count, invalidFiles)} file{Plural(Math.Max(files.Count, invalidFiles))} invalid: {errors} error{Plural(errors)}{(warnings > 0 ? $", {warnings} warning{Plural(warnings)}" : string.Empty)}";
        context.Env.Out.WriteLine(summary);
        return errors == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    /// <summary>Binds parameter values to one runbook and reports what is wrong with them, or lists them (secrets hidden).</summary>
    private static int ValidateParameters(CliContext context, ParseResult parse, string[] arguments, string[] assignments, string? paramsFile)
    {
        if (arguments.Length != 1)
        {
            context.Printer.Print([new Diagnostic(DiagnosticCodes.InvalidArgument, SourceSpan.WholeFile("command line"), string.Empty,
                $"-p and --params check the values of one runbook, but {arguments.Length} were given", "give a single runbook file or catalog name")], []);
            return ExitCodes.InvalidInput;
        }

        var runbook = context.LoadRunbook(parse, arguments[0]);
        if (runbook is null)
        {
            return ExitCodes.InvalidInput;
        }

        var file = paramsFile is null ? null : Path.GetFullPath(paramsFile, context.Env.WorkingDirectory);
        var bound = Parameters.ParameterBinder.Bind(runbook, assignments, file, context.Env.Variables);
        var sources = new List<SourceText>();
        if (file is not null && File.Exists(file))
        {
            sources.Add(new SourceText(RunbookLoader.DisplayPath(file), File.ReadAllText(file)));
        }

        sources.AddRange(bound.ArgumentSources);
        context.Printer.Print(bound.Diagnostics, sources);
        if (bound.Parameters is null)
        {
            var errors = bound.Diagnostics.Count(d => d.IsError);
            context.Env.Out.WriteLine($"parameters invalid for {runbook.Identity}: {errors} error{Plural(errors)}");
            return ExitCodes.InvalidInput;
        }

        context.Env.Out.WriteLine($"{runbook.Identity}: parameters valid");
        foreach (var (name, value) in bound.Parameters.Values)
        {
            context.Env.Out.WriteLine($"  {name} = {Output.ValueText.Format(value)}");
        }

        return ExitCodes.Success;
    }

    private static string Plural(int n) => n == 1 ? string.Empty : "s";
}
