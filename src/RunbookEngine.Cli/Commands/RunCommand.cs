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
        var concurrent = new Option<bool>("--concurrent")
        {
            Description = "Start although another run of this runbook is running, interrupted or paused (they may act on the same systems)",
        };
        var command = new Command("run", "Run a runbook; prints the run id first (exit 0 succeeded, 1 failed, 2 invalid input, 3 paused, 130 interrupted)")
        {
            runbook, context.Options.Parameters, context.Options.ParamsFile, context.Options.Yes, concurrent, context.Options.StateDir,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(runbook)!, parse.GetValue(concurrent), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string argument, bool concurrent, CancellationToken ct)
    {
        var runbook = context.LoadRunbook(parse, argument);
        if (runbook is null)
        {
            return ExitCodes.InvalidInput;
        }

        var paramsFile = parse.GetValue(context.Options.ParamsFile) is { } f ? Path.GetFullPath(f, context.Env.WorkingDirectory) : null;
        var bound = ParameterBinder.Bind(runbook, parse.GetValue(context.Options.Parameters) ?? [], paramsFile, context.Env.Variables);
        context.Printer.Print(bound.Diagnostics, [.. ParamsSource(paramsFile), .. bound.ArgumentSources]);
        if (bound.Parameters is null)
        {
            return ExitCodes.InvalidInput;
        }

        return await RunErrors.GuardAsync(context, async () =>
        {
            if (!concurrent && await RefuseAlongsideUnfinishedAsync(context, context.StoreFor(parse), runbook.Name))
            {
                return ExitCodes.InvalidInput;
            }

            var resolver = context.ResolverFor(parse, runbook);
            using var session = context.StoreFor(parse).CreateRun(NewRun.From(runbook, bound.Parameters, resolver) with { WorkingDirectory = context.Env.WorkingDirectory });
            await context.Env.Out.WriteLineAsync($"run {session.Id}  {runbook.Identity}  (state in {session.Folder.Directory})");
            var options = new RunOptions { RunId = session.Id, WorkingDirectory = context.Env.WorkingDirectory, StartedAt = TimeProvider.System.GetUtcNow() };
            return await EngineHost.ExecuteAsync(context, resolver, session, runbook, bound.Parameters.AsDictionary(), options, null, parse.GetValue(context.Options.Yes), ct);
        });
    }

    /// <summary>
    /// Two runs of one runbook at once may act on the same cluster: one paused at an approval on the night shift, a
    /// new one started by the next operator. A run that is running, interrupted or paused refuses the new one
    /// (RB0917); a failed one, which someone may still resume, is mentioned.
    /// </summary>
    private static async Task<bool> RefuseAlongsideUnfinishedAsync(CliContext context, RunStore store, string runbook)
    {
        var unfinished = store.UnfinishedRunsOf(runbook);
        var holding = unfinished.Where(r => r.State != Journal.RecordedRunState.Failed).ToList();
        if (holding.Count > 0)
        {
            var blocking = holding[0];
            var state = blocking switch
            {
                { State: Journal.RecordedRunState.Running, Abandoned: true } => "interrupted (its engine is gone)",
                { State: Journal.RecordedRunState.Running } => "running",
                { State: Journal.RecordedRunState.Paused } => "paused",
                _ => "created but not started",
            };
            await context.Env.Error.WriteLineAsync(
                $"runbook: error {RunErrorCodes.UnfinishedRunOfSameRunbook}: run {blocking.Id} of {blocking.Identity} is {state}; two runs of one runbook at once may act on the same systems. " +
                $"Finish it ('runbook resume {blocking.Id}'), cancel it ('runbook cancel {blocking.Id}'), or start this one anyway with --concurrent" +
                (holding.Count > 1 ? $" ('runbook runs' lists the {holding.Count} unfinished runs)" : string.Empty));
            return true;
        }

        foreach (var failed in unfinished)
        {
            await context.Env.Error.WriteLineAsync($"runbook: note: run {failed.Id} of {failed.Identity} failed and can still be resumed; 'runbook cancel {failed.Id}' if it is not to be continued");
        }

        return false;
    }

    internal static IReadOnlyList<Syntax.SourceText> ParamsSource(string? file) =>
        file is not null && File.Exists(file) ? [new Syntax.SourceText(Loading.RunbookLoader.DisplayPath(file), File.ReadAllText(file))] : [];
}
