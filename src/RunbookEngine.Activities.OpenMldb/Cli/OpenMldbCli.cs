using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Process;

namespace RunbookEngine.Activities.OpenMldb.Cli;

/// <summary>
/// Runs one non-interactive openmldb command (systems.md 1.1) through <see cref="ToolRunner"/> and turns its text into
/// rows or a typed failure. The CLI prints failures and still exits 0, so success is recognised by its exact message.
/// </summary>
internal static class OpenMldbCli
{
    public const string Family = "openmldb";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<string> NsCommand(NsInput c, string cmd) =>
        [c.Bin, $"--zk_cluster={c.ZkCluster}", $"--zk_root_path={c.ZkRootPath}", "--role=ns_client", "--interactive=false", $"--cmd={cmd}"];

    public static IReadOnlyList<string> TabletCommand(TabletInput c, string cmd) =>
        [c.Bin, $"--endpoint={c.Endpoint}", "--role=client", "--interactive=false", $"--cmd={cmd}"];

    public static Task<string> NsAsync(NsInput c, string cmd, ActivityContext context, CancellationToken ct) =>
        RunAsync(NsCommand(c, cmd), c.CommandTimeout, context, ct);

    public static Task<string> TabletAsync(TabletInput c, string cmd, ActivityContext context, CancellationToken ct) =>
        RunAsync(TabletCommand(c, cmd), c.CommandTimeout, context, ct);

    /// <summary>Parses a table, or fails with the command's own message when it printed an error instead.</summary>
    public static T Parse<T>(string stdout, string cmd, Func<string, T> parse, ActivityContext context)
    {
        try
        {
            return parse(stdout);
        }
        catch (FormatException ex)
        {
            var firstLine = stdout.Trim().Split('\n')[0];
            if (ErrorType(firstLine) is { } known)
            {
                throw new ActivityFailure(known, context.Redactor.Redact($"'{cmd}' failed: {firstLine}"), Retryable(known));
            }

            throw new ActivityFailure("openmldb.unparsable-output", context.Redactor.Redact($"cannot read the output of '{cmd}': {ex.Message}"), retryable: false, ex);
        }
    }

    /// <summary>Succeeds when the output contains the command's success message; otherwise fails with the CLI's message.</summary>
    public static void Expect(string stdout, string success, string cmd, ActivityContext context)
    {
        if (stdout.Contains(success, StringComparison.Ordinal))
        {
            return;
        }

        var message = stdout.Trim().Length == 0 ? "(no output)" : stdout.Trim();
        var type = ErrorType(message) ?? "openmldb.command-failed";
        throw new ActivityFailure(type, context.Redactor.Redact($"'{cmd}' failed: {message}"), Retryable(type));
    }

    /// <summary>Stable error types for the CLI's messages (systems.md 1.3 and 1.4).</summary>
    public static string? ErrorType(string message) => message switch
    {
        _ when message.Contains("auto_failover is enabled", StringComparison.Ordinal) => "openmldb.auto-failover-enabled",
        _ when message.Contains("endpoint does not exist", StringComparison.Ordinal) => "openmldb.endpoint-not-found",
        _ when message.Contains("tablet is not healthy", StringComparison.Ordinal) => "openmldb.tablet-not-healthy",
        _ when message.Contains("table does not exist", StringComparison.Ordinal) => "openmldb.table-not-found",
        _ when message.Contains("pid does not exist", StringComparison.Ordinal) => "openmldb.pid-not-found",
        _ when message.Contains("Not connected to", StringComparison.Ordinal) => "openmldb.tablet-unreachable",
        _ when message.Contains("nameserver is not leader", StringComparison.Ordinal) => "openmldb.ns-not-leader",
        _ when message.StartsWith("Fail", StringComparison.OrdinalIgnoreCase) || message.Contains("failed", StringComparison.Ordinal)
            || message.StartsWith("Bad", StringComparison.Ordinal) || message.StartsWith("Invalid", StringComparison.Ordinal) => "openmldb.command-failed",
        _ => null,
    };

    private static bool Retryable(string type) => type is "openmldb.tablet-not-healthy" or "openmldb.tablet-unreachable" or "openmldb.ns-not-leader";

    private static async Task<string> RunAsync(IReadOnlyList<string> command, TimeSpan? timeout, ActivityContext context, CancellationToken ct)
    {
        var result = await ToolRunner.RunAsync(Family, command, context, ct, timeout ?? DefaultTimeout, expectedExitCodes: [0]).ConfigureAwait(false);
        return result.Stdout;
    }
}
