using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.DeviceDb.Cli;

/// <summary>
/// Runs `devicedb cluster …` with an argument vector and turns its `Error: …` lines (main.go prints every failure to
/// stderr and exits 1) into typed failures: transport errors are retryable <c>devicedb.unreachable</c>.
/// </summary>
internal static class DeviceDbTool
{
    public const string Unreachable = "devicedb.unreachable";
    public const string CommandFailed = "devicedb.command-failed";
    public const string Unparsable = "devicedb.unparsable-output";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public static IReadOnlyList<string> Command(string tool, string command, DeviceDbNode node, params string[] extra) =>
        [tool, "cluster", command, "-host", node.Host, "-port", node.Port.ToString(CultureInfo.InvariantCulture), .. extra];

    public static async Task<ToolResult> RunAsync(IReadOnlyList<string> command, ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await ToolRunner.RunAsync("devicedb", command, context, cancellationToken, CommandTimeout).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw Failure(result, ToolRunner.Display(command, context), context);
        }

        return result;
    }

    /// <summary>The failure a non-zero exit means, from the `Error: …` line on stderr.</summary>
    public static ActivityFailure Failure(ToolResult result, string display, ActivityContext context)
    {
        var line = result.Stderr.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("Error:", StringComparison.Ordinal))
            ?? result.Stderr.Trim().Split('\n').LastOrDefault()?.Trim() ?? string.Empty;
        var message = context.Redactor.Redact($"{display} exited with code {result.ExitCode}: {(line.Length > 0 ? line : "(no message)")}");
        return IsTransport(line)
            ? new ActivityFailure(Unreachable, message, retryable: true)
            : new ActivityFailure(CommandFailed, message, retryable: false);
    }

    /// <summary>Go net/http transport errors: the node is down, not listening yet, or cut off.</summary>
    internal static bool IsTransport(string line) =>
        line.Contains("dial tcp", StringComparison.Ordinal) || line.Contains("connection refused", StringComparison.Ordinal)
        || line.Contains("i/o timeout", StringComparison.Ordinal) || line.Contains("no route to host", StringComparison.Ordinal)
        || line.Contains("connection reset", StringComparison.Ordinal) || line.Contains("no such host", StringComparison.Ordinal);
}
