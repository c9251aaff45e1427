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
    public static async Task<ToolResult> RunAsync(
        string family,
        IReadOnlyList<string> command,
        ActivityContext context,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyList<int>? expectedExitCodes = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        string? standardInput = null)
    {
        var display = context.Redactor.Redact(CommandLine.Display(command));
        var accepted = expectedExitCodes ?? Enumerable.Range(0, 256).ToArray();
        var spec = new ProcessSpec(family, command, context.ResolvePath(workingDirectory ?? "."), environment, accepted, timeout ?? TimeSpan.FromMinutes(5), display, standardInput);
        var output = await ProcessRun.RunAsync(spec, context, cancellationToken).ConfigureAwait(false);
        return new ToolResult(output.ExitCode, output.Stdout, output.Stderr);
    }

    /// <summary>
    /// Like <see cref="RunAsync"/>, but stdout is binary data (a tar a CLI streams) written to <paramref name="stdoutPath"/>
    /// byte for byte instead of captured as text; <see cref="ToolResult.Stdout"/> is then empty. The caller owns the file
    /// (write to a temporary name and rename it once the exit code is known).
    /// </summary>
    public static async Task<ToolResult> RunToFileAsync(
        string family,
        IReadOnlyList<string> command,
        string stdoutPath,
        ActivityContext context,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var display = context.Redactor.Redact(CommandLine.Display(command));
        using var process = new System.Diagnostics.Process { StartInfo = ProcessRunner.StartInfo(command, context.ResolvePath("."), environment) };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new ActivityFailure(family + ".start-failed", context.Redactor.Redact($"could not start {display}: {ex.Message}"), retryable: false, ex);
        }

        process.StandardInput.Close();
        var stderr = OutputCapture.Start(process.StandardError, Exec.MaxCaptured + context.Redactor.LongestSecret);
        Task copy;
        await using (var file = new FileStream(stdoutPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            copy = process.StandardOutput.BaseStream.CopyToAsync(file, CancellationToken.None);
            await ProcessRunner.WaitAsync(process, timeout ?? TimeSpan.FromMinutes(30), display, family + ".timeout", context, cancellationToken).ConfigureAwait(false);
            await ProcessRunner.DrainAsync([copy, stderr.Completion], context.TimeProvider).ConfigureAwait(false);
            await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        return new ToolResult(process.ExitCode, string.Empty, stderr.Text(context.Redactor, Exec.MaxCaptured));
    }

    /// <summary>The command as logs and plans show it (single-quoted where needed, secrets redacted). Display only.</summary>
    public static string Display(IReadOnlyList<string> command, ActivityContext context) => context.Redactor.Redact(CommandLine.Display(command));

    /// <summary>Whether the program can be found (a path that exists or a name on PATH); plans report a missing tool as a risk.</summary>
    public static bool CanFind(string program, ActivityContext context) => CommandLine.CanFind(program, context.ResolvePath("."));
}
