using System.Diagnostics;
using System.Text.Json;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>Runs the real `runbook` CLI (runbook.dll next to the tests) out of process against the repository's catalog.</summary>
internal static class Cli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "runbook.dll");

    public static readonly string Catalog = FindCatalog();

    public static System.Diagnostics.Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["RUNBOOK_CATALOG"] = Catalog;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return System.Diagnostics.Process.Start(info)!;
    }

    public static async Task<(int Exit, string Out)> RunAsync(params string[] args)
    {
        using var process = Start(args);
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

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>`runbook status --json`: the run's state and each step's state and error type.</summary>
    public static async Task<JsonElement> StatusAsync(string runId, string stateDir)
    {
        var (exit, text) = await RunAsync("status", runId, "--state-dir", stateDir, "--json");
        exit.ShouldBe(0, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string RunId(string stateDir) =>
        Directory.GetDirectories(Path.Combine(stateDir, "runs")).Select(Path.GetFileName).Single(n => !n!.StartsWith('.'))!;

    private static string FindCatalog()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookEngine.sln")))
            {
                return Path.Combine(dir.FullName, "runbooks");
            }
        }

        throw new InvalidOperationException("cannot find the repository's runbooks folder");
    }
}
