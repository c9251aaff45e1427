using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Process.Native;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// Starts a program detached from the engine: a new session (so the operator's Ctrl-C, a closed terminal or the
/// engine's own exit do not reach it), stdin from /dev/null, stdout and stderr appended to a log file. A short-lived
/// /bin/sh does the detaching and exits at once, so the daemon is re-parented to init, which reaps it; the engine never
/// has to. The script is a constant and the argv travels as its positional parameters, so nothing is parsed twice.
/// Signals: the daemon starts with the dispositions a program started from a terminal would have. SIGPIPE is default
/// because the shell is started through posix_spawn (Process would pass on .NET's "ignore"); SIGINT and SIGQUIT,
/// which POSIX has a non-interactive shell ignore in every background command, are set back to default with
/// <c>env --default-signal</c> (GNU coreutils 8.31 or later; without it they stay ignored, as before) unless the
/// engine itself was started with them ignored. A JVM, for one, installs no shutdown hook for a signal it starts with
/// ignored, and a C server's <c>kill -INT</c> would do nothing.
/// </summary>
internal static class Daemon
{
    private const string Script = """
        log=$1; reset=$2; shift 2
        if [ -n "$reset" ] && env --default-signal="$reset" true 2>/dev/null; then
          set -- env --default-signal="$reset" -- "$@"
        fi
        if command -v setsid >/dev/null 2>&1; then
          setsid -- "$@" </dev/null >>"$log" 2>&1 &
          echo "$! setsid"
        else
          "$@" </dev/null >>"$log" 2>&1 &
          echo "$! plain"
        fi
        """;

    private const int WrapperOutput = 4096; // a pid and a word, or the shell's complaint

    private static readonly TimeSpan WrapperLimit = TimeSpan.FromSeconds(10);

    /// <summary>The daemon's pid, and whether it got a session of its own (false when setsid is not installed).</summary>
    public static async Task<(int Pid, bool OwnSession)> StartAsync(
        IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string logFile, string display, ActivityContext context, CancellationToken cancellationToken)
    {
        string[] wrapper = ["/bin/sh", "-c", Script, "process.start", logFile, SignalsToReset(EngineIgnoredSignals()), .. argv];
        var (exitCode, stdout, stderr) = await RunWrapperAsync(wrapper, workingDirectory, environment, display, context).ConfigureAwait(false);
        var words = stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (exitCode != 0 || words.Length != 2 || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            var error = stderr.Trim();
            throw new ActivityFailure(ProcessStart.StartFailed, context.Redactor.Redact($"could not start {display}: {(error.Length > 0 ? error : "the detaching shell failed")}"), retryable: false);
        }

        return (pid, words[1] == "setsid");
    }

    /// <summary>
    /// Runs the detaching shell to its exit. Not cancellable: it exits within milliseconds, and abandoning it would
    /// leave a daemon we know nothing of. On Linux through posix_spawn, as exec does, so the daemon starts with
    /// SIGPIPE's default action like any program a shell starts; Process would pass on the engine's "ignore SIGPIPE".
    /// </summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunWrapperAsync(
        string[] wrapper, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string display, ActivityContext context)
    {
        if (ProcessRun.UseNativeSpawn(ProcessRun.NativeSpawnAllowed))
        {
            if (await RunNativeAsync(wrapper, workingDirectory, environment, display, context).ConfigureAwait(false) is { } done)
            {
                return done;
            }
        }

        var info = ProcessRunner.StartInfo(wrapper, workingDirectory, environment);
        using var process = new System.Diagnostics.Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new ActivityFailure(ProcessStart.StartFailed, context.Redactor.Redact($"could not start {display}: {ex.Message}"), retryable: false, ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(WrapperLimit, context.TimeProvider, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw StuckWrapper(display);
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Null when posix_spawn cannot be used for a reason that is not the wrapper's (then Process runs it).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<(int ExitCode, string Stdout, string Stderr)?> RunNativeAsync(
        string[] wrapper, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string display, ActivityContext context)
    {
        SpawnedChild child;
        try
        {
            child = PosixSpawn.Start(wrapper, workingDirectory, environment);
        }
        catch (SpawnException ex) when (ex.FallBack)
        {
            return null;
        }
        catch (SpawnException ex)
        {
            throw new ActivityFailure(ProcessStart.StartFailed, context.Redactor.Redact($"could not start {display}: {ex.Message}"), retryable: false, ex);
        }

        using (child)
        {
            var stdout = new CapturedText(WrapperOutput);
            var stderr = new CapturedText(WrapperOutput + context.Redactor.LongestSecret);
            using var limit = new CancellationTokenSource(WrapperLimit, context.TimeProvider);
            var exit = await child.WaitAsync(stdout, stderr, ProcessRunner.DrainGrace, ProcessRunner.AfterKill, limit.Token, CancellationToken.None).ConfigureAwait(false);
            if (exit.Reason != ChildExitReason.Exited)
            {
                throw StuckWrapper(display);
            }

            return (exit.ExitCode ?? -1, stdout.Text(SecretRedactor.None, WrapperOutput), stderr.Text(context.Redactor, WrapperOutput));
        }
    }

    /// <summary>
    /// "INT,QUIT" less whichever of the two is in <paramref name="ignored"/> (the engine's own ignored signals, a
    /// SigIgn mask: bit n-1 is signal n; someone who ran the engine with SIGINT ignored meant its programs to ignore
    /// it too), for <c>env --default-signal</c>. Empty: reset nothing.
    /// </summary>
    internal static string SignalsToReset(ulong ignored)
    {
        const int SIGINT = 2, SIGQUIT = 3;
        var names = new List<string>(2);
        if ((ignored & (1UL << (SIGINT - 1))) == 0)
        {
            names.Add("INT");
        }

        if ((ignored & (1UL << (SIGQUIT - 1))) == 0)
        {
            names.Add("QUIT");
        }

        return string.Join(',', names);
    }

    /// <summary>The signals this process ignores, from /proc/self/status (none known without /proc).</summary>
    private static ulong EngineIgnoredSignals()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                {
                    return ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            // Not Linux: reset both, as a shell started from a terminal would have them.
        }

        return 0;
    }

    private static ActivityFailure StuckWrapper(string display) =>
        new(ProcessStart.StartFailed, $"could not start {display}: the detaching shell did not finish within {Durations.Format(WrapperLimit)}", retryable: false);
}
