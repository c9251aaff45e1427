using System.Globalization;
using RunbookEngine.Activities.Context;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// Starts a program detached from the engine: a new session (so the operator's Ctrl-C, a closed terminal or the
/// engine's own exit do not reach it), stdin from /dev/null, stdout and stderr appended to a log file. A short-lived
/// /bin/sh does the detaching and exits at once, so the daemon is re-parented to init, which reaps it; the engine never
/// has to. The script is a constant and the argv travels as its positional parameters, so nothing is parsed twice.
/// </summary>
internal static class Daemon
{
    private const string Script = """
        log=$1; shift
        if command -v setsid >/dev/null 2>&1; then
          setsid -- "$@" </dev/null >>"$log" 2>&1 &
          echo "$! setsid"
        else
          "$@" </dev/null >>"$log" 2>&1 &
          echo "$! plain"
        fi
        """;

    private static readonly TimeSpan WrapperLimit = TimeSpan.FromSeconds(10);

    /// <summary>The daemon's pid, and whether it got a session of its own (false when setsid is not installed).</summary>
    public static async Task<(int Pid, bool OwnSession)> StartAsync(
        IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string logFile, string display, ActivityContext context, CancellationToken cancellationToken)
    {
        var info = ProcessRunner.StartInfo(["/bin/sh", "-c", Script, "process.start", logFile, .. argv], workingDirectory, environment);
        using var wrapper = new System.Diagnostics.Process { StartInfo = info };
        try
        {
            wrapper.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new ActivityFailure(ProcessStart.StartFailed, context.Redactor.Redact($"could not start {display}: {ex.Message}"), retryable: false, ex);
        }

        wrapper.StandardInput.Close();
        var stdout = wrapper.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = wrapper.StandardError.ReadToEndAsync(CancellationToken.None);

        // Not cancellable: the wrapper exits within milliseconds, and abandoning it would leave a daemon we know nothing of.
        await wrapper.WaitForExitAsync(CancellationToken.None).WaitAsync(WrapperLimit, context.TimeProvider, CancellationToken.None).ConfigureAwait(false);
        var words = (await stdout.ConfigureAwait(false)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (wrapper.ExitCode != 0 || words.Length != 2 || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            var error = (await stderr.ConfigureAwait(false)).Trim();
            throw new ActivityFailure(ProcessStart.StartFailed, context.Redactor.Redact($"could not start {display}: {(error.Length > 0 ? error : "the detaching shell failed")}"), retryable: false);
        }

        return (pid, words[1] == "setsid");
    }
}
