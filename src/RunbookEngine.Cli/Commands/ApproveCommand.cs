using System.CommandLine;
using RunbookEngine.Cli.Running;
using RunbookEngine.Journal;

namespace RunbookEngine.Cli.Commands;

internal static class ApproveCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The paused run" };
        var step = new Argument<string>("step") { Description = "The step path waiting for approval (as 'runbook status' shows it)" };
        var command = new Command("approve", "Record an operator's approval for a paused run's gate; 'runbook resume' then continues") { runId, step, context.Options.StateDir };
        command.SetAction(parse => RunErrors.GuardAsync(context, async () =>
        {
            using var session = context.StoreFor(parse).OpenRun(parse.GetValue(runId)!);
            var path = parse.GetValue(step)!;
            var pending = session.History.PendingApprovals.FirstOrDefault(p => p.Key.Step == path);
            if (pending is null)
            {
                var waiting = session.History.PendingApprovals.Select(p => p.Key.Step).ToList();
                await context.Env.Error.WriteLineAsync($"runbook: error: step '{path}' of run {session.Id} is not waiting for approval"
                    + (waiting.Count > 0 ? $"; waiting: {string.Join(", ", waiting)}" : "; no step is waiting"));
                return ExitCodes.InvalidInput;
            }

            session.Journal.Append(new ApprovalGranted(path, pending.Key.Item, Environment.UserName, pending.PlanHash));
            await context.Env.Out.WriteLineAsync($"approved {path} of run {session.Id} as {Environment.UserName}: {pending.Message}");
            await context.Env.Out.WriteLineAsync($"continue with 'runbook resume {session.Id}'");
            return ExitCodes.Success;
        }));
        return command;
    }
}
