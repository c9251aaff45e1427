using System.CommandLine;
using RunbookEngine.Cli.Running;
using RunbookEngine.Parameters;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Expressions;
using RunbookEngine.Journal;
using RunbookEngine.Runs;

namespace RunbookEngine.Cli.Commands;

internal static class ResumeCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The run to continue ('runbook runs' lists them)" };
        var rerun = new Option<bool>("--rerun-in-doubt") { Description = "Run again the steps that were running when the engine stopped" };
        var markDone = new Option<bool>("--mark-in-doubt-done") { Description = "Count the steps that were running when the engine stopped as done" };
        var acceptFacts = new Option<bool>("--accept-changed-facts") { Description = "Go on although read-only facts changed since the interruption" };
        var command = new Command("resume", "Continue an interrupted, paused or failed run from its journal, with the runbook pinned at its start")
        {
            runId, rerun, markDone, acceptFacts, context.Options.Yes, context.Options.Parameters, context.Options.StateDir,
        };
        command.SetAction((parse, ct) => RunErrors.GuardAsync(context, () => ResumeAsync(context, parse, parse.GetValue(runId)!,
            parse.GetValue(rerun), parse.GetValue(markDone), parse.GetValue(acceptFacts), ct)));
        return command;
    }

    private static async Task<int> ResumeAsync(CliContext context, ParseResult parse, string id, bool rerun, bool markDone, bool acceptFacts, CancellationToken ct)
    {
        if (rerun && markDone)
        {
            await context.Env.Error.WriteLineAsync("runbook: error: --rerun-in-doubt and --mark-in-doubt-done exclude each other");
            return ExitCodes.InvalidInput;
        }

        var store = context.StoreFor(parse);
        store.ThrowIfProgramsLeftRunning(id); // before the lock: taking it would overwrite the record of those programs
        using var session = store.OpenRun(id);
        var state = session.History.State;
        if (state is RecordedRunState.Succeeded or RecordedRunState.Cancelled)
        {
            await context.Env.Error.WriteLineAsync($"runbook: error: run {id} is {state.ToString().ToLowerInvariant()}; there is nothing to resume");
            return ExitCodes.InvalidInput;
        }

        // The pinned copies, not the files on disk: the run continues the procedure it started with, its calls
        // included. Runs made before calls were pinned resolve them in the operator's catalog.
        var pins = new Runs.PinnedCallResolver(session.Folder.Directory, context.Activities, () => context.CatalogFor(parse));
        var loaded = (pins.HasPins ? pins.Loader : context.CatalogFor(parse)?.Loader ?? new Loading.RunbookLoader(context.Activities))
            .Load(new Syntax.SourceText(session.Folder.RunbookFile, session.ReadRunbookText()));
        if (loaded.Runbook is null)
        {
            context.Printer.Print(loaded.Diagnostics, loaded.Source is null ? [] : [loaded.Source]);
            return ExitCodes.InvalidInput;
        }

        var parameters = await RestoreParametersAsync(context, session, parse.GetValue(context.Options.Parameters) ?? []);
        if (parameters is null)
        {
            return ExitCodes.InvalidInput;
        }

        foreach (var step in session.History.InDoubt.Where(s => s.Attempts > 0))
        {
            await context.Env.Out.WriteLineAsync($"in doubt: {step.Key.Step}{(step.Key.Item is { } i ? $"[{i}]" : string.Empty)} was running when the engine stopped (attempt {step.LastAttempt})");
        }

        if (session.Manifest.WorkingDirectory is { } startedIn && !Directory.Exists(startedIn))
        {
            await context.Env.Error.WriteLineAsync($"runbook: warning: the run was started in {startedIn}, which no longer exists; relative paths now resolve against {context.Env.WorkingDirectory}");
        }

        await context.Env.Out.WriteLineAsync($"run {session.Id}  {loaded.Runbook.Identity}  resuming");
        var options = new RunOptions
        {
            RunId = session.Id,
            // Relative paths in the pinned parameters meant the directory the run was started from.
            WorkingDirectory = session.Manifest.WorkingDirectory is { } started && Directory.Exists(started) ? started : context.Env.WorkingDirectory,
            StartedAt = session.History.StartedAt ?? TimeProvider.System.GetUtcNow(),
            Resumed = true,
            InDoubt = rerun ? InDoubtPolicy.Rerun : markDone ? InDoubtPolicy.MarkDone : InDoubtPolicy.Ask,
            AcceptChangedFacts = acceptFacts,
        };
        return await EngineHost.ExecuteAsync(context, pins, session, loaded.Runbook, parameters, options, RunMemoryReplay.From(session.History), parse.GetValue(context.Options.Yes), ct);
    }

    /// <summary>
    /// Pinned values come back from params.json; secrets were never stored, so they are given again, with -p or in
    /// their RUNBOOK_SECRET_* variables.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, object?>?> RestoreParametersAsync(CliContext context, RunSession session, string[] assignments)
    {
        var given = assignments.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var ok = true;
        var pinned = session.ReadParameters();
        var secretPaths = pinned.Secrets.ToHashSet(StringComparer.Ordinal);
        var fromEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var missing in pinned.Secrets.Where(path => !given.ContainsKey(path)))
        {
            var variable = ParameterBinder.SecretVariable(missing);
            if (context.Env.Variables(variable) is { } secret)
            {
                fromEnvironment[missing] = secret;
                continue;
            }

            await context.Env.Error.WriteLineAsync($"runbook: error RB0702: secret parameter '{missing}' is not stored with the run; give it again in the environment variable {variable} or with -p '{missing}=...'");
            ok = false;
        }

        foreach (var (path, secret) in fromEnvironment)
        {
            given[path] = secret;
        }

        foreach (var (name, value) in pinned.Values)
        {
            // Secrets can sit anywhere in a value (a node's password in a list of nodes): each comes back by its path.
            values[name] = Restore(value, given);
            if (given.ContainsKey(name) && !secretPaths.Contains(name))
            {
                await context.Env.Error.WriteLineAsync($"runbook: error RB0701: parameter '{name}' is pinned with the run and cannot change on resume; only secrets are given again");
                ok = false;
            }
        }

        foreach (var unknown in given.Keys.Where(k => !secretPaths.Contains(k) && !values.ContainsKey(k)))
        {
            await context.Env.Error.WriteLineAsync($"runbook: error RB0701: '{unknown}' is neither a parameter nor a secret of this run; its secrets are: {(secretPaths.Count == 0 ? "none" : string.Join(", ", pinned.Secrets))}");
            ok = false;
        }

        return ok ? values : null;
    }

    private static object? Restore(object? value, IReadOnlyDictionary<string, string> given) => value switch
    {
        SecretReference reference => given.TryGetValue(reference.Path, out var secret) ? new SecretValue(secret) : null,
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Restore(e.Value, given), StringComparer.Ordinal),
        IReadOnlyList<object?> list => list.Select(item => Restore(item, given)).ToList(),
        _ => value,
    };
}
