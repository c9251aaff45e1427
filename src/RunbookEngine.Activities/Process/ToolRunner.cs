using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Process;

/// <summary>What an operator tool printed and how it exited.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs an operator tool (a database shell, a cluster CLI) for an activity pack: argument vector only, never a shell;
/// stdin closed (or fed the given text, then closed); output captured, capped and redacted; killed with its children on timeout or cancellation.
/// Error types are prefixed with <c>family</c> (<c>openmldb.start-failed</c>, <c>openmldb.timeout</c>,
/// <c>openmldb.exit-code</c>). Packs parse <see cref="ToolResult.Stdout"/> themselves.
/// </summary>
public static class ToolRunner
{
    /// <param name="family">Error-type prefix, e.g. the pack name.</param>
    /// <param name="command">Program then arguments, one item each.</param>
    /// <param name="expectedExitCodes">Exit codes that are not failures; <c>null</c> accepts every exit code.</param>
    /// <param name="standardInput">Text written to the tool's stdin before it is closed (for shells that read commands there); never logged.</param>
    public static Task<ToolResult> RunAsync(
        string family,
        IReadOnlyList<string> command,
        ActivityContext context,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyList<int>? expectedExitCodes = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        string? standardInput = null) =>
        RunAsync(family, command, context, timeout ?? TimeSpan.FromMinutes(5), expectedExitCodes, environment, workingDirectory, standardInput, stdoutFile: null, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync(string, IReadOnlyList{string}, ActivityContext, CancellationToken, TimeSpan?, IReadOnlyList{int}?, IReadOnlyDictionary{string, string}?, string?, string?)"/>,
    /// but stdout is binary data (a tar a CLI streams) written to <paramref name="stdoutPath"/> byte for byte and synced,
    /// instead of captured as text; <see cref="ToolResult.Stdout"/> is then empty. The caller owns the file (write to a
    /// temporary name and rename it once the exit code is known).
    /// </summary>
    public static Task<ToolResult> RunToFileAsync(
        string family,
        IReadOnlyList<string> command,
        string stdoutPath,
        ActivityContext context,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(family, command, context, timeout ?? TimeSpan.FromMinutes(30), null, environment, null, null, stdoutPath, cancellationToken);

    private static async Task<ToolResult> RunAsync(
        string family,
        IReadOnlyList<string> command,
        ActivityContext context,
        TimeSpan timeout,
        IReadOnlyList<int>? expectedExitCodes,
        IReadOnlyDictionary<string, string>? environment,
        string? workingDirectory,
        string? standardInput,
        string? stdoutFile,
        CancellationToken cancellationToken)
    {
        var display = context.Redactor.Redact(CommandLine.Display(command));
        var spec = new ProcessSpec(family, command, context.ResolvePath(workingDirectory ?? "."), environment, expectedExitCodes, timeout, display, standardInput,
            CheckExitCode: expectedExitCodes is not null, StdoutFile: stdoutFile);
        var output = await ProcessRun.RunAsync(spec, context, cancellationToken).ConfigureAwait(false);
        return new ToolResult(output.ExitCode, output.Stdout, output.Stderr);
    }

    /// <summary>The command as logs and plans show it (single-quoted where needed, secrets redacted). Display only.</summary>
    public static string Display(IReadOnlyList<string> command, ActivityContext context) => context.Redactor.Redact(CommandLine.Display(command));

    /// <summary>Whether the program can be found (a path that exists or a name on PATH); plans report a missing tool as a risk.</summary>
    public static bool CanFind(string program, ActivityContext context) => CommandLine.CanFind(program, context.ResolvePath("."));
}
