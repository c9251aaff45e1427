using System.Diagnostics;
using System.Text.Json;

namespace RunbookEngine.Activities.Pegasus.Tests.Support;

/// <summary>Runs the real CLI (runbook.dll in the test output) out of process, as an operator would.</summary>
internal static class CliRunner
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "runbook.dll");

    public static System.Diagnostics.Process Start(string workingDirectory, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary><c>runbook status &lt;id&gt; --json</c>, parsed.</summary>
    public static async Task<JsonElement> StatusAsync(string workingDirectory, string stateDir, string runId)
    {
        var status = await RunAsync(workingDirectory, "status", runId, "--state-dir", stateDir, "--json");
        status.Exit.ShouldBe(0, status.Err);
        using var json = JsonDocument.Parse(status.Out);
        return json.RootElement.Clone();
    }

    public static string RunId(string stateDir) =>
        Directory.GetDirectories(Path.Combine(stateDir, "runs")).Select(Path.GetFileName).Single(n => !n!.StartsWith('.'))!;
}
