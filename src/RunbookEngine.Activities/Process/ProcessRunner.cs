using RunbookEngine.Activities.Context;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Process;

/// <summary>Starting a process from an argument vector, waiting for it, and killing its whole tree when time is up or the run is cancelled.</summary>
internal static class ProcessRunner
{
    /// <summary>How long to wait for a killed program to go.</summary>
    internal static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait, after a program exited, for its output pipes to close (a background child may hold them).</summary>
    internal static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    /// <summary>The argument vector as it will be started: the program first, made absolute when it names a path.</summary>
    /// <exception cref="ActivityInputException">The command is empty.</exception>
    public static IReadOnlyList<string> Argv(IReadOnlyList<string> command, string directory)
    {
        if (command.Count == 0 || command[0].Length == 0)
        {
            throw new ActivityInputException("command", "a list: the program, then its arguments", "input 'command' must name a program first");
        }

        // A relative program path means relative to the step's folder, not to wherever the engine was started.
        var program = command[0];
        if (program.Contains('/', StringComparison.Ordinal) || program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            program = Path.GetFullPath(program, directory);
        }

        return [program, .. command.Skip(1)];
    }

    public static System.Diagnostics.ProcessStartInfo StartInfo(IReadOnlyList<string> command, string directory, IReadOnlyDictionary<string, string>? environment)
    {
        var argv = Argv(command, directory);

        // ArgumentList only: each item reaches the program as one argv entry, and no shell ever parses it.
        var info = new System.Diagnostics.ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    public static async Task WaitAsync(System.Diagnostics.Process process, TimeSpan? timeout, string display, string timeoutErrorType, ActivityContext context, CancellationToken cancellationToken)
    {
        using var deadline = timeout is { } t ? new CancellationTokenSource(t, context.TimeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The whole tree: a shell script's children would otherwise keep running, unsupervised, after the step ended.
            Kill(process);
            await WaitBrieflyAsync(process.WaitForExitAsync(CancellationToken.None), AfterKill, context.TimeProvider).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw TimedOut(display, timeout!.Value, timeoutErrorType, context);
        }
    }

    /// <summary>Logs and builds the failure of a program killed because its step's timeout passed.</summary>
    public static ActivityFailure TimedOut(string display, TimeSpan timeout, string errorType, ActivityContext context)
    {
        context.Log.Warning("{Command} ran longer than {Timeout}; killed it and its child processes", display, Durations.Format(timeout));
        return new ActivityFailure(errorType, $"{display} did not finish within {Durations.Format(timeout)}; it and its child processes were killed", retryable: true);
    }

    public static Task DrainAsync(Task[] readers, TimeProvider time) => WaitBrieflyAsync(Task.WhenAll(readers), DrainGrace, time);

    private static void Kill(System.Diagnostics.Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the timeout and the kill.
        }
    }

    private static async Task WaitBrieflyAsync(Task task, TimeSpan limit, TimeProvider time)
    {
        try
        {
            await task.WaitAsync(limit, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Give up waiting, not the result: what happened so far is reported.
        }
    }
}
