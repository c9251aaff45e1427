using System.Text;

namespace RunbookEngine.EndToEnd.Tests;

/// <summary>
/// The engine is SIGKILLed at random moments of a 20-step run whose steps are not idempotent (each appends a line),
/// then resumed until done. Whatever the moment: every step ran exactly once, steps that were in flight are
/// reported as in doubt, and the journal stays readable.
/// </summary>
public sealed class CrashResumeTests : IDisposable
{
    private const int Steps = 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Fifty_random_kills_never_run_a_completed_step_twice()
    {
        File.WriteAllText(Path.Combine(_dir, "crash.yaml"), Runbook());
        var random = new Random(20261121);
        var inDoubtReported = 0;
        for (var trial = 0; trial < 50; trial++)
        {
            var output = Path.Combine(_dir, $"out-{trial}.txt");
            var state = Path.Combine(_dir, $"state-{trial}");
            File.WriteAllText(output, string.Empty);

            using (var process = RunbookProcess.Start(_dir, ["run", "crash.yaml", "-p", $"output={output}", "--state-dir", state, "--yes"]))
            {
                // Between process start-up and the end of the run: some kills land before the first step, most mid-run.
                await Task.Delay(random.Next(150, 1200));
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync();
            }

            var runId = Directory.Exists(Path.Combine(state, "runs"))
                ? Directory.GetDirectories(Path.Combine(state, "runs")).Select(Path.GetFileName).SingleOrDefault(n => !n!.StartsWith('.'))
                : null;
            if (runId is null)
            {
                continue; // Killed before the run folder existed: nothing happened, nothing to resume.
            }

            for (var round = 0; round < 5; round++)
            {
                // Play the operator: a step in doubt whose line is in the file completed; otherwise run it again.
                var status = await RunbookProcess.RunAsync(_dir, ["status", runId, "--state-dir", state, "--json"]);
                status.Exit.ShouldBe(0, status.Err);
                using var statusJson = System.Text.Json.JsonDocument.Parse(status.Out);
                if (statusJson.RootElement.GetProperty("state").GetString() == "Succeeded")
                {
                    break;
                }

                // Whatever the journal last said, no engine drives the run now: a run left "Running" is reported as interrupted.
                statusJson.RootElement.GetProperty("interrupted").GetBoolean()
                    .ShouldBe(statusJson.RootElement.GetProperty("state").GetString() == "Running", status.Out);

                var inDoubt = statusJson.RootElement.GetProperty("steps").EnumerateArray()
                    .Where(step => step.GetProperty("state").GetString() == "InDoubt")
                    .Select(step => step.GetProperty("step").GetString()!).ToList();
                var decision = inDoubt.Count > 0 && Lines(output).Contains(inDoubt[0]) ? "--mark-in-doubt-done" : "--rerun-in-doubt";
                var resume = await RunbookProcess.RunAsync(_dir, ["resume", runId, "--state-dir", state, decision]);
                if (inDoubt.Count > 0)
                {
                    resume.Out.ShouldContain($"in doubt: {inDoubt[0]}");
                    inDoubtReported++;
                }

                if (resume.Exit == 0)
                {
                    break;
                }

                resume.Exit.ShouldBe(3, $"{resume.Out}\n{resume.Err}");
            }

            var lines = Lines(output);
            lines.ShouldBe(Enumerable.Range(1, Steps).Select(i => $"step-{i:D2}").ToList(), $"trial {trial}: {string.Join(",", lines)}");
            var journal = File.ReadAllText(Path.Combine(state, "runs", runId, "journal.jsonl"), Encoding.UTF8);
            journal.ShouldContain("\"RunSucceeded\"");
        }

        inDoubtReported.ShouldBeGreaterThan(0, "no kill landed inside a step; the test did not test what it claims");
    }

    private static List<string> Lines(string output) => File.ReadAllLines(output).Where(l => l.Length > 0).ToList();

    private static string Runbook()
    {
        var sb = new StringBuilder("""
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: test/crash
              version: 1.0.0
              title: Twenty steps that each append a line
            parameters:
              output: { type: path, required: true }
            steps:

            """);
        for (var i = 1; i <= Steps; i++)
        {
            // The script is literal; the file name reaches it as an argument, never pasted into the script.
            var id = $"step-{i:D2}";
            sb.Append("  - id: ").Append(id).Append('\n')
              .Append("    uses: exec\n")
              .Append("    with:\n")
              .Append("      command: [sh, -c, 'echo ").Append(id).Append(" >> \"$1\"; sleep 0.02', sh, \"${{ params.output }}\"]\n");
        }

        return sb.ToString();
    }
}
