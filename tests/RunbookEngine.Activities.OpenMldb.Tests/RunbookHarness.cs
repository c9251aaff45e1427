using System.Security.Cryptography;
using System.Text.Json;

namespace RunbookEngine.Activities.OpenMldb.Tests;

/// <summary>Shared steps of the runbook tests: run, plan, status, and the kill-and-resume drill.</summary>
internal static class RunbookHarness
{
    private static readonly Dictionary<string, string> CatalogEnvironment = new() { ["RUNBOOK_CATALOG"] = Repository.Catalog };

    public static async Task<(int Exit, string Out, JsonElement Status)> RunAsync(SimCluster sim, string runbook, params string[] extra)
    {
        var (exit, text) = await CliAsync(["run", runbook, .. sim.Params(extra), "--yes", "--state-dir", sim.StateDir]);
        var status = await StatusAsync(RunId(sim.StateDir), sim.StateDir);
        return (exit, text, status);
    }

    public static string StepState(JsonElement status, string step, int? item = null) =>
        status.GetProperty("steps").EnumerateArray()
            .First(s => s.GetProperty("step").GetString() == step && (item is null || (s.TryGetProperty("item", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt32() == item)))
            .GetProperty("state").GetString()!;

    public static string StepError(JsonElement status, string step) =>
        status.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("step").GetString() == step).GetProperty("error").GetString() ?? string.Empty;

    /// <summary>`runbook plan` must leave the simulated cluster byte for byte as it was.</summary>
    public static async Task<string> PlanUnchangedAsync(SimCluster sim, string runbook, params string[] extra)
    {
        var before = SHA256.HashData(File.ReadAllBytes(sim.StatePath));
        var (exit, text) = await CliAsync(["plan", runbook, .. sim.Params(extra)]);
        SHA256.HashData(File.ReadAllBytes(sim.StatePath)).ShouldBe(before, "plan changed the simulated cluster");
        Directory.Exists(sim.StateDir).ShouldBeFalse("plan created a run");
        exit.ShouldBeOneOf(0, 1);
        return text;
    }

    /// <summary>
    /// Starts the run, SIGKILLs the engine once the journal shows <paramref name="waitStep"/> started (and the
    /// condition on the simulated cluster holds), then resumes it to the end.
    /// </summary>
    public static async Task<(int Exit, string Out, JsonElement Status)> KillInWaitAndResumeAsync(SimCluster sim, string runbook, string waitStep, Action? whileDead, params string[] extra)
    {
        using (var process = RunbookProcess.Start(null, ["run", runbook, .. sim.Params(extra), "--yes", "--state-dir", sim.StateDir], CatalogEnvironment))
        {
            try
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!StepStarted(sim, waitStep))
                {
                    if (process.HasExited)
                    {
                        throw new ShouldAssertException($"the run ended before reaching {waitStep}: {await RunbookProcess.OutputAsync(process)}");
                    }

                    DateTime.UtcNow.ShouldBeLessThan(deadline, $"{waitStep} never started");
                    await Task.Delay(50);
                }

                await Task.Delay(300); // inside the wait: at least one poll has happened
                process.HasExited.ShouldBeFalse($"the run finished {waitStep} before it could be killed");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        whileDead?.Invoke(); // e.g. the operator restarts the tablet the run was waiting for
        var runId = RunId(sim.StateDir);
        var killed = await StatusAsync(runId, sim.StateDir);
        killed.GetProperty("state").GetString().ShouldNotBe("Succeeded");
        var (exit, text) = await CliAsync(["resume", runId, "--state-dir", sim.StateDir, "--yes"]);
        return (exit, text, await StatusAsync(runId, sim.StateDir));
    }

    /// <summary>The real `runbook` CLI against the repository's catalog: exit code, then standard output and error together.</summary>
    private static async Task<(int Exit, string Out)> CliAsync(string[] args)
    {
        var (exit, stdout, stderr) = await RunbookProcess.RunAsync(null, args, CatalogEnvironment);
        return (exit, stdout + stderr);
    }

    /// <summary>`runbook status --json`: the run's state and each step's state and error type.</summary>
    private static async Task<JsonElement> StatusAsync(string runId, string stateDir)
    {
        var (exit, text) = await CliAsync(["status", runId, "--state-dir", stateDir, "--json"]);
        exit.ShouldBe(0, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string RunId(string stateDir) =>
        Directory.GetDirectories(Path.Combine(stateDir, "runs")).Select(Path.GetFileName).Single(n => !n!.StartsWith('.'))!;

    private static bool StepStarted(SimCluster sim, string step)
    {
        var runs = Path.Combine(sim.StateDir, "runs");
        if (!Directory.Exists(runs))
        {
            return false;
        }

        foreach (var dir in Directory.GetDirectories(runs))
        {
            var journal = Path.Combine(dir, "journal.jsonl");
            if (File.Exists(journal))
            {
                using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                if (reader.ReadToEnd().Contains($"\"type\":\"StepStarted\",\"step\":\"{step}\"", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
