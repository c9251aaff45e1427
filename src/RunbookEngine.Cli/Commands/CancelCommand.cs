using System.CommandLine;
using RunbookEngine.Cli.Running;
using RunbookEngine.Journal;

namespace RunbookEngine.Cli.Commands;

internal static class CancelCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The run to abandon" };
        var command = new Command("cancel", "Abandon a paused or failed run: it can no longer be resumed (nothing is undone)") { runId, context.Options.StateDir };
        command.SetAction(parse => RunErrors.GuardAsync(context, async () =>
        {
            var store = context.StoreFor(parse);
            var left = store.ProgramsLeftRunning(parse.GetValue(runId)!); // read before the lock overwrites their record
            using var session = store.OpenRun(parse.GetValue(runId)!);
            if (session.History.State is RecordedRunState.Succeeded or RecordedRunState.Cancelled)
            {
                await context.Env.Error.WriteLineAsync($"runbook: error: run {session.Id} is already {session.History.State.ToString().ToLowerInvariant()}");
                return ExitCodes.InvalidInput;
            }

            session.Journal.Append(new RunCancelled(Environment.UserName));
            await context.Env.Out.WriteLineAsync($"run {session.Id} cancelled by {Environment.UserName}; steps already done are not undone");
            foreach (var (pid, commandLine) in left)
            {
                await context.Env.Error.WriteLineAsync($"runbook: warning: pid {pid} ({commandLine}), started for a step by the engine that was killed, is still running; cancelling the run does not stop it");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
