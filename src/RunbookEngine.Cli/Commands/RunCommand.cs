using System.CommandLine;
using RunbookEngine.Cli.Running;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Parameters;
using RunbookEngine.Runs;

namespace RunbookEngine.Cli.Commands;

internal static class RunCommand
{

    public static Command Create(CliContext context)
    {
        var runbook = new Argument<string>("runbook") { Description = "File path or catalog name[@version]" };
        var command = new Command("run", "Run a runbook; prints the run id first (exit 0 succeeded, 1 failed, 2 invalid input, 3 paused, 130 interrupted)")
        {
            runbook, context.Options.Parameters, context.Options.ParamsFile, context.Options.Yes, context.Options.StateDir,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(runbook)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string argument, CancellationToken ct)
    {
        var runbook = context.LoadRunbook(parse, argument);
        if (runbook is null)
        {
            return ExitCodes.InvalidInput;
        }

        var paramsFile = parse.GetValue(context.Options.ParamsFile) is { } f ? Path.GetFullPath(f, context.Env.WorkingDirectory) : null;
        var bound = ParameterBinder.Bind(runbook, parse.GetValue(context.Options.Parameters) ?? [], paramsFile);
        context.Printer.Print(bound.Diagnostics, [.. ParamsSource(paramsFile), .. bound.ArgumentSources]);
        if (bound.Parameters is null)
        {
            return ExitCodes.InvalidInput;
        }

        return await RunErrors.GuardAsync(context, async () =>
        {
            var resolver = context.ResolverFor(parse, runbook);
            using var session = context.StoreFor(parse).CreateRun(NewRun.From(runbook, bound.Parameters, resolver) with { WorkingDirectory = context.Env.WorkingDirectory });
            await context.Env.Out.WriteLineAsync($"run {session.Id}  {runbook.Identity}  (state in {session.Folder.Directory})");
            var options = new RunOptions { RunId = session.Id, WorkingDirectory = context.Env.WorkingDirectory, StartedAt = TimeProvider.System.GetUtcNow() };
            return await EngineHost.ExecuteAsync(context, resolver, session, runbook, bound.Parameters.AsDictionary(), options, null, parse.GetValue(context.Options.Yes), ct);
        });
    }

    internal static IReadOnlyList<Syntax.SourceText> ParamsSource(string? file) =>
        file is not null && File.Exists(file) ? [new Syntax.SourceText(Loading.RunbookLoader.DisplayPath(file), File.ReadAllText(file))] : [];
}
