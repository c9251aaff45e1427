using System.CommandLine;
using RunbookEngine.Cli.Output;
using RunbookEngine.Execution.Planning;
using RunbookEngine.Parameters;

namespace RunbookEngine.Cli.Commands;

internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var runbook = new Argument<string>("runbook") { Description = "File path or catalog name[@version]" };
        var format = new Option<string>("--format") { Description = "text, markdown (for a change review) or json", DefaultValueFactory = _ => "text", HelpName = "text|markdown|json" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var command = new Command("plan", "Show what a run would do, step by step, without changing anything (read-only steps run for real)")
        {
            runbook, context.Options.Parameters, context.Options.ParamsFile, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = context.LoadRunbook(parse, parse.GetValue(runbook)!);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            var paramsFile = parse.GetValue(context.Options.ParamsFile) is { } f ? Path.GetFullPath(f, context.Env.WorkingDirectory) : null;
            var bound = ParameterBinder.Bind(loaded, parse.GetValue(context.Options.Parameters) ?? [], paramsFile, context.Env.Variables);
            context.Printer.Print(bound.Diagnostics, [.. RunCommand.ParamsSource(paramsFile), .. bound.ArgumentSources]);
            if (bound.Parameters is null)
            {
                return ExitCodes.InvalidInput;
            }

            var plan = await new Planner(context.Activities, context.ResolverFor(parse, loaded), TimeProvider.System, context.Env.WorkingDirectory)
                .PlanAsync(loaded, bound.Parameters.AsDictionary(), ct);
            await context.Env.Out.WriteAsync(parse.GetValue(format) switch
            {
                "markdown" => PlanRenderer.Markdown(plan),
                "json" => PlanRenderer.Json(plan),
                _ => PlanRenderer.Text(plan),
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
