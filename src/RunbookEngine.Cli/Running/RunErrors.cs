using RunbookEngine.Journal;
using RunbookEngine.Runs;

namespace RunbookEngine.Cli.Running;

/// <summary>Run-store and journal problems are the operator's to act on: a code and a sentence, exit 2, no stack trace.</summary>
internal static class RunErrors
{
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (RunStoreException ex)
        {
            await context.Env.Error.WriteLineAsync($"runbook: error {ex.Code}: {ex.Problem}");
        }
        catch (JournalException ex)
        {
            await context.Env.Error.WriteLineAsync($"runbook: error {ex.Code}: {ex.FilePath}:{ex.Line}: {ex.Problem}. {ex.Hint}");
        }

        return ExitCodes.InvalidInput;
    }
}
