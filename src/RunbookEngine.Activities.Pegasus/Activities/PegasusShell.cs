using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.Pegasus.Activities;

/// <summary>
/// Runs Pegasus' interactive shell (<c>run.sh shell --cluster …</c> or <c>pegasus_shell config.ini cluster</c>) with
/// commands on stdin, one per line, as Pegasus' own admin scripts do (<c>echo ls | ./run.sh shell</c>): the shell has
/// no command-line mode and exits at end of input.
/// </summary>
internal static class PegasusShell
{
    public const string Family = "pegasus";
    public const string Unrecognized = "pegasus.unrecognized-output";

    public static async Task<ToolResult> RunAsync(IReadOnlyList<string> shell, IReadOnlyList<string> commands, ActivityContext context, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (shell.Count == 0 || string.IsNullOrWhiteSpace(shell[0]))
        {
            throw new ActivityInputException("shell", "the shell's argument vector, program first", "input 'shell' must name the program, e.g. [/opt/pegasus/run.sh, shell, --cluster, 10.0.0.1:34601]");
        }

        var stdin = string.Concat(commands.Select(c => c + "\n"));
        return await ToolRunner.RunAsync(Family, shell, context, cancellationToken, timeout, expectedExitCodes: [0], standardInput: stdin).ConfigureAwait(false);
    }

    public static string Display(IReadOnlyList<string> shell, string command, ActivityContext context) =>
        $"echo {command} | {ToolRunner.Display(shell, context)}";

    /// <summary>The shell splits lines on spaces (sdssplitargs); keep arguments that need no quoting.</summary>
    public static void CheckArgument(string name, string value)
    {
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\''))
        {
            throw new ActivityInputException(name, "a value without spaces or quotes", $"input '{name}' must not be empty or contain spaces or quotes: the Pegasus shell splits its command line on them");
        }
    }
}
