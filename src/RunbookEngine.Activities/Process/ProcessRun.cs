using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Process.Native;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// One program run to completion. <paramref name="Family"/> prefixes the error types (<c>exec.exit-code</c>,
/// <c>shell.exit-code</c>); <paramref name="Display"/> is the redacted command line for logs and messages.
/// </summary>
internal sealed record ProcessSpec(
    string Family,
    IReadOnlyList<string> Command,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string>? Environment,
    IReadOnlyList<int>? ExpectedExitCodes,
    TimeSpan? Timeout,
    string Display,
    string? StandardInput = null,
    bool CheckExitCode = true,
    string? StdoutFile = null);

/// <summary>
/// Runs a program with stdin closed (or fed the given text) and both outputs captured (capped, redacted), or stdout
/// written to a file: what exec, shell and the packs' tools share. On Linux the program is started with posix_spawn
/// and waited for with one poll loop (<see cref="PosixSpawn"/>); elsewhere with System.Diagnostics.Process. Both give
/// the program the same argv, environment and folder, the same signals but SIGPIPE (see <see cref="PosixSpawn"/>),
/// and the step the same outputs, errors and timeouts.
/// </summary>
internal static class ProcessRun
{
    /// <summary>What Process writes to a program's stdin by default on Linux: UTF-8 without a byte-order mark.</summary>
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Drops the posix_spawn path (tests compare the two; RUNBOOK_SPAWN=process does it for a whole engine).</summary>
    internal static bool NativeSpawnAllowed { get; } = Environment.GetEnvironmentVariable("RUNBOOK_SPAWN") != "process";

    /// <summary>Whether programs are started with posix_spawn here (<paramref name="allowNative"/>: the caller's say).</summary>
    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    internal static bool UseNativeSpawn(bool allowNative) => allowNative && OperatingSystem.IsLinux() && PosixSpawn.IsAvailable;

    public static Task<Exec.Output> RunAsync(ProcessSpec spec, ActivityContext context, CancellationToken cancellationToken) =>
        RunAsync(spec, context, NativeSpawnAllowed, cancellationToken);

    internal static async Task<Exec.Output> RunAsync(ProcessSpec spec, ActivityContext context, bool allowNative, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (spec.Timeout <= TimeSpan.Zero)
        {
            throw new ActivityInputException("timeout", "a duration longer than 0s", "input 'timeout' must be longer than 0s");
        }

        var argv = ProcessRunner.Argv(spec.Command, spec.WorkingDirectory);
        Exec.Output? output = null;
        if (UseNativeSpawn(allowNative))
        {
            output = await RunNativeAsync(spec, argv, context, cancellationToken).ConfigureAwait(false);
        }

        // Process builds the environment itself from the start info (only on this path: it copies the whole environment).
        output ??= await RunWithProcessAsync(spec, ProcessRunner.StartInfo(argv, spec.WorkingDirectory, spec.Environment), context, cancellationToken).ConfigureAwait(false);
        return CheckExitCode(spec, output);
    }

    /// <summary>Null when posix_spawn cannot be used for a reason that is not the program's (then Process runs it).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<Exec.Output?> RunNativeAsync(ProcessSpec spec, IReadOnlyList<string> argv, ActivityContext context, CancellationToken cancellationToken)
    {
        var redact = context.Redactor;
        var display = spec.Display;
        var input = spec.StandardInput is null ? null : Utf8.GetBytes(spec.StandardInput);

        // Binary output (a tar a CLI streams) goes to the file directly: the program writes it, nothing is copied.
        using var file = spec.StdoutFile is null ? null : File.OpenHandle(spec.StdoutFile, FileMode.Create, FileAccess.Write, FileShare.None);
        SpawnedChild child;
        try
        {
            child = PosixSpawn.Start(argv, spec.WorkingDirectory, spec.Environment, file is null ? -1 : (int)file.DangerousGetHandle(), input);
        }
        catch (SpawnException ex) when (ex.FallBack)
        {
            file?.Dispose(); // Process opens it again, and FileShare.None would refuse while this handle lives
            return null;
        }
        catch (SpawnException ex)
        {
            throw new ActivityFailure(spec.Family + ".start-failed", redact.Redact($"could not start {display}: {ex.Message}"), retryable: false, ex);
        }

        // Recorded with the run's lock while it runs: if the engine is killed, resume finds it still running.
        context.Programs.Started(child.Pid);
        using var untrack = new Untrack(context.Programs, child.Pid);
        using (child)
        {
            context.Log.Info("Started {Command} as process {ProcessId}", display, child.Pid);
            var keep = Exec.MaxCaptured + redact.LongestSecret;
            var stdout = new CapturedText(keep);
            var stderr = new CapturedText(keep);
            var started = context.TimeProvider.GetTimestamp();
            using var deadline = spec.Timeout is { } t ? new CancellationTokenSource(t, context.TimeProvider) : null;
            var exit = await child.WaitAsync(stdout, stderr, ProcessRunner.DrainGrace, ProcessRunner.AfterKill, deadline?.Token ?? CancellationToken.None, cancellationToken)
                .ConfigureAwait(false);
            switch (exit.Reason)
            {
                case ChildExitReason.Cancelled:
                    throw new OperationCanceledException(cancellationToken);
                case ChildExitReason.TimedOut:
                    throw ProcessRunner.TimedOut(display, spec.Timeout!.Value, spec.Family + ".timeout", context);
            }

            if (file is not null)
            {
                RandomAccess.FlushToDisk(file);
            }

            var output = new Exec.Output { ExitCode = exit.ExitCode ?? -1, Stdout = stdout.Text(redact, Exec.MaxCaptured), Stderr = stderr.Text(redact, Exec.MaxCaptured) };
            context.Log.Info("{Command} exited with code {ExitCode} after {Elapsed}", display, output.ExitCode, Durations.Format(context.TimeProvider.GetElapsedTime(started)));
            return output;
        }
    }

    private static async Task<Exec.Output> RunWithProcessAsync(ProcessSpec spec, System.Diagnostics.ProcessStartInfo info, ActivityContext context, CancellationToken cancellationToken)
    {
        var redact = context.Redactor;
        var display = spec.Display;
        using var process = new System.Diagnostics.Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // Not retryable: a missing program or a bad working directory does not fix itself.
            throw new ActivityFailure(spec.Family + ".start-failed", redact.Redact($"could not start {display}: {ex.Message}"), retryable: false, ex);
        }

        context.Programs.Started(process.Id);
        using var untrack = new Untrack(context.Programs, process.Id);
        context.Log.Info("Started {Command} as process {ProcessId}", display, process.Id);
        var keep = Exec.MaxCaptured + redact.LongestSecret;

        // Binary output (a tar a CLI streams) goes to a file byte for byte; text is captured, capped and redacted.
        var file = spec.StdoutFile is null ? null : new FileStream(spec.StdoutFile, FileMode.Create, FileAccess.Write, FileShare.None);
        var stdout = file is null ? OutputCapture.Start(process.StandardOutput, keep) : null;
        var stdoutDone = file is null ? stdout!.Completion : process.StandardOutput.BaseStream.CopyToAsync(file, CancellationToken.None);
        var stderr = OutputCapture.Start(process.StandardError, keep);
        Exec.Output output;
        try
        {
            await WriteInputAsync(process, spec.StandardInput, cancellationToken).ConfigureAwait(false);
            var started = context.TimeProvider.GetTimestamp();
            await ProcessRunner.WaitAsync(process, spec.Timeout, display, spec.Family + ".timeout", context, cancellationToken).ConfigureAwait(false);

            // A background grandchild can hold the pipes open after the process exits; do not wait for it forever.
            await ProcessRunner.DrainAsync([stdoutDone, stderr.Completion], context.TimeProvider).ConfigureAwait(false);
            file?.Flush(flushToDisk: true);
            output = new Exec.Output { ExitCode = process.ExitCode, Stdout = stdout?.Text(redact, Exec.MaxCaptured) ?? string.Empty, Stderr = stderr.Text(redact, Exec.MaxCaptured) };
            context.Log.Info("{Command} exited with code {ExitCode} after {Elapsed}", display, output.ExitCode, Durations.Format(context.TimeProvider.GetElapsedTime(started)));
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }

        return output;
    }

    /// <summary>Tells the tracker the program is gone once it was reaped (declared before the child, so disposed after it).</summary>
    private readonly struct Untrack(IProgramTracker programs, int processId) : IDisposable
    {
        public void Dispose() => programs.Ended(processId);
    }

    private static Exec.Output CheckExitCode(ProcessSpec spec, Exec.Output output)
    {
        var expected = spec.ExpectedExitCodes ?? [0];
        if (spec.CheckExitCode && !expected.Contains(output.ExitCode))
        {
            // Retryable: whether a rerun can help depends on the program; the step's retry: policy decides.
            var tail = output.Stderr.Length > 500 ? "…" + output.Stderr[^500..] : output.Stderr;
            throw new ActivityFailure(spec.Family + ".exit-code", $"{spec.Display} exited with code {output.ExitCode} (expected {string.Join(" or ", expected)}){(tail.Length > 0 ? ": " + tail.TrimEnd() : string.Empty)}", retryable: true);
        }

        return output;
    }

    /// <summary>Interactive operator shells (Pegasus' <c>run.sh shell</c>) read their commands from stdin; everyone else gets it closed.</summary>
    private static async Task WriteInputAsync(System.Diagnostics.Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input (a broken pipe); its exit code and output tell the rest.
        }
    }
}
