using System.CommandLine;
using System.CommandLine.Help;
using RunbookEngine.Activities;
using RunbookEngine.Cli.Commands;
using RunbookEngine.Cli.Output;
using RunbookEngine.Loading;

namespace RunbookEngine.Cli;

/// <summary>Builds the command tree and runs it: invalid usage exits 2, and no stack trace ever reaches the user.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        // The authoring commands need the activity catalog but not a DI container, which costs a measured
        // ~25 ms of CPU at start-up (docs/benchmarks.md); both are built from ActivityPacks.Create().
        Task<IActivityCatalog> activities;
        var pluginDirectory = Hosting.PluginLoader.DefaultDirectory();
        if (Directory.Exists(pluginDirectory))
        {
            var pluginProblems = new List<string>();
            var plugins = Hosting.PluginLoader.Load(pluginDirectory, pluginProblems);
            foreach (var problem in pluginProblems)
            {
                await env.Error.WriteLineAsync($"runbook: warning: plugin skipped: {problem}");
            }

            activities = Task.FromResult<IActivityCatalog>(new ActivityCatalog(ActivityPacks.Create().Concat(plugins)));
        }
        else
        {
            // Without plugins there is nothing to warn about, so the shipped activities (a hundred-odd types to
            // load) are constructed on another core while this one builds and parses the command line; the first
            // use of the catalog waits for them.
            activities = Task.Factory.StartNew<IActivityCatalog>(() => new ActivityCatalog(ActivityPacks.Create()),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        var context = new CliContext(env, activities);
        var root = BuildRoot(context);
        if (!env.IsTerminal)
        {
            // Like tables, help is 100 columns wide when no terminal is watching, whatever the process's console is.
            foreach (var help in root.Options.OfType<HelpOption>())
            {
                ((HelpAction)help.Action!).MaxWidth = ConsoleFactory.PlainWidth;
            }
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var messages = parse.Errors.Select(e => OneLine(e.Message)).ToList();
            var missingFor = $"Required argument missing for command: '{parse.CommandResult.Command.Name}'.";
            var missing = parse.CommandResult.Command.Arguments
                .Where(a => a.Arity.MinimumNumberOfValues > 0 && parse.CommandResult.GetResult(a) is not { Tokens.Count: > 0 })
                .Select(a => $"<{a.Name}>")
                .ToList();
            if (missing.Count > 0 && messages.Contains(missingFor))
            {
                // One line per missing argument, each saying only "Required argument missing" (approve has two), says less
                // than one line that names them.
                messages = [.. messages.Where(m => m != missingFor).Prepend($"{missingFor[..^1]}: {string.Join(", ", missing)}.")];
            }

            if (parse.CommandResult.Command == root && parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-')) is { } unknown)
            {
                // System.CommandLine says both "Required command was not provided" and "Unrecognized command"; one line says it better.
                var closest = Suggestions.Closest(unknown, root.Subcommands.Select(c => c.Name));
                messages = [$"unknown command '{unknown}'{(closest is null ? string.Empty : $"; did you mean '{closest}'?")}"];
            }

            foreach (var message in messages)
            {
                await env.Error.WriteLineAsync($"runbook: error: {message}");
            }

            var command = string.Join(' ', parse.CommandResult.Command.Name == root.Name ? [] : new[] { parse.CommandResult.Command.Name });
            await env.Error.WriteLineAsync($"Try 'runbook {(command.Length > 0 ? command + " " : string.Empty)}--help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            // No ProcessTerminationTimeout: System.CommandLine would end the process 2 s after Ctrl+C whatever the run is
            // doing; a driven run handles its signals itself (Running.ShutdownSignals).
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
                cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await env.Error.WriteLineAsync("runbook: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("RUNBOOK_DEBUG") != "1")
        {
            // A bug must still not dump a stack trace on an operator at 3 a.m.; RUNBOOK_DEBUG=1 shows it.
            await env.Error.WriteLineAsync($"runbook: internal error: {ex.GetType().Name}: {ex.Message}");
            await env.Error.WriteLineAsync("This is a bug in RunbookEngine, not in your input. Re-run with RUNBOOK_DEBUG=1 for details and report it.");
            return ExitCodes.RunFailed;
        }
    }

    /// <summary>"Must be one of:" followed by tab-indented lines becomes "Must be one of: 'a', 'b'", so each error is one line.</summary>
    private static string OneLine(string message)
    {
        var lines = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= 1 ? message.Trim() : $"{lines[0]} {string.Join(", ", lines.Skip(1))}";
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("RunbookEngine: versioned, checked, resumable disaster-recovery runbooks for replicated databases.")
        {
            context.Options.Catalog,
        };
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(GraphCommand.Create(context));
        root.Subcommands.Add(SchemaCommand.Create(context));
        root.Subcommands.Add(NewCommand.Create(context));
        root.Subcommands.Add(ActivitiesCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(ResumeCommand.Create(context));
        root.Subcommands.Add(ApproveCommand.Create(context));
        root.Subcommands.Add(CancelCommand.Create(context));
        root.Subcommands.Add(RunsCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(LogsCommand.Create(context));
        return root;
    }
}
