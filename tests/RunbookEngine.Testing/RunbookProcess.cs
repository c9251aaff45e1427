using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RunbookEngine.Testing;

/// <summary>Runs the real `runbook` CLI (runbook.dll next to the test assembly), or any other program, as its own process: stdin closed, an argument vector.</summary>
public static class RunbookProcess
{
    private static readonly ConditionalWeakTable<Process, Task<string>> Drained = [];

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(2);

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "runbook.dll");

    /// <summary>Starts the CLI and drains both pipes in the background, so a chatty run never blocks on a full pipe.</summary>
    public static Process Start(string? workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        StartProgram("dotnet", [Dll, .. args], workingDirectory, environment);

    /// <summary><see cref="Start"/> for any program, e.g. the CLI behind a wrapper that sets its signals or limits.</summary>
    public static Process StartProgram(string program, IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Launch(program, workingDirectory, args, environment);
        Drained.Add(process, Concat(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync()));
        return process;
    }

    /// <summary>Everything a process from <see cref="Start"/> printed (standard output, then standard error), once both pipes close.</summary>
    public static Task<string> OutputAsync(Process process) =>
        Drained.TryGetValue(process, out var output) ? output : throw new ArgumentException("not started by RunbookProcess.Start", nameof(process));

    /// <summary>Runs the CLI to the end; past <paramref name="timeout"/> (default two minutes) kills its process tree and throws.</summary>
    public static Task<(int Exit, string Out, string Err)> RunAsync(
        string? workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        RunProgramAsync("dotnet", [Dll, .. args], workingDirectory, environment, timeout);

    /// <summary>Any program (a database shell, `cp`, `kill`) run to the end the same way: argument vector, stdin closed, killed past the timeout.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunProgramAsync(
        string program, IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var argv = args.ToList();
        using var process = Launch(program, workingDirectory, argv, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', argv)} did not finish within {timeout ?? DefaultTimeout}");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary><see cref="RunAsync"/> for synchronous tests.</summary>
    public static (int Exit, string Out, string Err) Run(
        string? workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        RunAsync(workingDirectory, args, environment, timeout).GetAwaiter().GetResult();

    /// <summary><see cref="RunProgramAsync"/> for synchronous tests.</summary>
    public static (int Exit, string Out, string Err) RunProgram(
        string program, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null) =>
        RunProgramAsync(program, args, workingDirectory, null, timeout).GetAwaiter().GetResult();

    private static Process Launch(string program, string? workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task<string> Concat(Task<string> stdout, Task<string> stderr) =>
        await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
}
