using RunbookEngine.Execution.Engine;
using RunbookEngine.Execution.States;
using RunbookEngine.Journal;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Runs;

namespace RunbookEngine.Cli.Running;

/// <summary>Runs (or resumes) a run held in a run folder and turns its outcome into an exit code.</summary>
internal static class EngineHost
{
    private static IRunRecorder Recorder(RunSession session, LiveStatus? status)
    {
        var journal = new JournalRecorder(session.Journal);
        return status is null ? journal : new ProgressRecorder(journal, status);
    }

    public static async Task<int> ExecuteAsync(CliContext context, IRunbookResolver? resolver, RunSession session, Runbook runbook,
        IReadOnlyDictionary<string, object?> parameters, RunOptions options, RunMemory? memory, bool yes, CancellationToken ct)
    {
        // The lock file lists the programs steps are running, for the case this process is killed (RunLock.LeftBehind).
        options = options with { Programs = session.Lock };
        var status = context.Env.IsTerminal ? new LiveStatus(context.Env.Out) : null;
        // On a terminal the notice goes above the live status line, as log lines do, instead of across it.
        using var signals = ShutdownSignals.Listen(ct, status is null ? context.Env.Error.WriteLine : line => status.Line(line + Environment.NewLine), context.Env.HandlesSignals);
        ct = signals.Token;
        using var log = new RunLog(session.Folder.LogFile, context.Env.Out, status, context.Env.Error);
        var gate = new ConsoleApprovalGate(context.Env, context.Env.In, yes, context.Env.IsTerminal, status);
        var engine = new RunEngine(context.Activities, resolver, Recorder(session, status), gate, log, TimeProvider.System);
        RunOutcome outcome;
        try
        {
            outcome = await engine.RunAsync(runbook, parameters, options, memory, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            status?.Dispose();
            // Nothing is recorded on purpose: the step in flight stays in doubt, which is the truth.
            await context.Env.Error.WriteLineAsync($"run {session.Id} interrupted{(signals.Received is { } signal ? $" by {signal}" : string.Empty)}; continue with 'runbook resume {session.Id}'");
            return ExitCodes.Interrupted;
        }
        catch (JournalWriteException ex)
        {
            status?.Dispose();
            // No activity starts without its record, so nothing ran after this one; the disk, not the run, failed.
            await context.Env.Error.WriteLineAsync($"runbook: error {ex.Code}: run {session.Id} stopped: its journal cannot be written");
            await context.Env.Error.WriteLineAsync($"  {ex.FilePath}:{ex.Line}: {ex.Problem}");
            await context.Env.Error.WriteLineAsync("no step was started after that record; a step whose end it could not record is in doubt, and resume asks about it");
            await context.Env.Error.WriteLineAsync($"free space on that disk (or make it writable), then 'runbook resume {session.Id}': it repairs the journal's end and asks about steps in doubt");
            return ExitCodes.RunFailed;
        }

        status?.Dispose();
        foreach (var fact in outcome.ChangedFacts)
        {
            await context.Env.Error.WriteLineAsync($"fact changed: {fact}");
        }

        switch (outcome.State)
        {
            case RunState.Succeeded:
                await context.Env.Out.WriteLineAsync($"run {session.Id} succeeded");
                foreach (var (name, value) in outcome.Outputs)
                {
                    await context.Env.Out.WriteLineAsync($"  {name} = {Output.ValueText.Format(value)}");
                }

                return ExitCodes.Success;
            case RunState.Paused:
                await context.Env.Out.WriteLineAsync($"run {session.Id} paused: {outcome.Message}");
                return ExitCodes.Paused;
            default:
                await context.Env.Error.WriteLineAsync($"run {session.Id} failed at {outcome.FailedStep}: {outcome.Message}");
                // Resume keeps the run's pinned runbook and parameters: it cannot fix a wrong parameter value.
                await context.Env.Error.WriteLineAsync($"fix the cause, then 'runbook resume {session.Id}' re-runs the failed step with the same runbook and parameters;");
                await context.Env.Error.WriteLineAsync($"if a parameter is what was wrong, 'runbook cancel {session.Id}' and start a new run with the right value");
                return ExitCodes.RunFailed;
        }
    }
}
