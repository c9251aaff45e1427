using System.Diagnostics;
using System.Text.Json;

namespace RunbookEngine.Activities.Dragonboat.Tests.Support;

/// <summary>The real `runbook` CLI (runbook.dll beside the tests) as its own process, pointed at the simulator's state file.</summary>
internal static class RunbookCli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "runbook.dll");

    public static System.Diagnostics.Process Start(SimCluster cluster, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = cluster.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DRAGONBOAT_SIM_STATE"] = cluster.StateFile;
        return System.Diagnostics.Process.Start(info)!;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(SimCluster cluster, params string[] args)
    {
        using var process = Start(cluster, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>`runbook status --json` of the cluster's only run: its state and each step's state and error.</summary>
    public static async Task<RunStatus> StatusAsync(SimCluster cluster)
    {
        var runs = Path.Combine(cluster.StateDir, "runs");
        var id = Directory.GetDirectories(runs).Select(Path.GetFileName).Single(n => !n!.StartsWith('.'))!;
        var (exit, stdout, stderr) = await RunAsync(cluster, "status", id, "--state-dir", cluster.StateDir, "--json");
        exit.ShouldBe(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => new StepStatus(
                s.GetProperty("step").GetString() + (s.GetProperty("item").ValueKind == JsonValueKind.Number ? $"[{s.GetProperty("item").GetInt32()}]" : string.Empty),
                s.GetProperty("state").GetString()!,
                s.GetProperty("error").ValueKind == JsonValueKind.Null ? null : s.GetProperty("error").ToString()))
            .ToList();
        return new RunStatus(id, json.RootElement.GetProperty("state").GetString()!, steps);
    }
}

/// <summary>A run as `runbook status --json` reports it.</summary>
internal sealed record RunStatus(string Id, string State, IReadOnlyList<StepStatus> Steps)
{
    public StepStatus Step(string id) => Steps.Last(s => s.Step == id);
}

/// <summary>One step line of `runbook status --json`; a foreach item is named <c>step[index]</c>.</summary>
internal sealed record StepStatus(string Step, string State, string? Error);
