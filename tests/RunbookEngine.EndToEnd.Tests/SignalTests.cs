using System.Globalization;

namespace RunbookEngine.EndToEnd.Tests;

/// <summary>
/// Ctrl+C, `kill` and a dropped SSH session while a step's program runs. Before, each ended the engine at once and
/// left the program running on its own; a resume (the run then shows as interrupted) could start it a second time
/// next to the first. Now the run is cancelled: the program's process tree is killed, the step stays in doubt,
/// the command says how to continue and exits 130.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-signal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task A_signal_stops_the_step_and_its_program_and_leaves_the_step_in_doubt(string signal)
    {
        var pidFile = Path.Combine(_dir, "program.pid");
        var state = Path.Combine(_dir, "state");
        File.WriteAllText(Path.Combine(_dir, "slow.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: test/slow
              version: 1.0.0
              title: A step whose program runs for a minute
            parameters:
              pidFile: { type: path, required: true }
            steps:
              - id: slow
                uses: exec
                with:
                  command: [sh, -c, 'echo $$ > "$1"; exec sleep 60', sh, "${{ params.pidFile }}"]
            """);

        // env resets the signals to their defaults: a test runner started in the background may have SIGINT ignored.
        using var engine = RunbookProcess.StartProgram(
            "env", ["--default-signal=INT,TERM,HUP", "dotnet", RunbookProcess.Dll, "run", "slow.yaml", "-p", $"pidFile={pidFile}", "--state-dir", state, "--yes"], _dir);
        var program = await WaitForPid(pidFile);
        IsRunning(program).ShouldBeTrue();

        RunbookProcess.RunProgram("kill", ["-s", signal, engine.Id.ToString(CultureInfo.InvariantCulture)]).Exit.ShouldBe(0);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await engine.WaitForExitAsync(deadline.Token);
        var output = await RunbookProcess.OutputAsync(engine);

        engine.ExitCode.ShouldBe(130, output);
        var runId = Directory.GetDirectories(Path.Combine(state, "runs")).Select(Path.GetFileName).Single()!;
        output.ShouldContain($"runbook: SIG{signal} received: stopping the step in flight and its programs");
        output.ShouldContain($"run {runId} interrupted by SIG{signal}; continue with 'runbook resume {runId}'");
        IsRunning(program).ShouldBeFalse($"the step's program (pid {program}) outlived the engine");

        var status = await RunbookProcess.RunAsync(_dir, ["status", runId, "--state-dir", state, "--json"]);
        status.Exit.ShouldBe(0, status.Err);
        using var json = System.Text.Json.JsonDocument.Parse(status.Out);
        json.RootElement.GetProperty("interrupted").GetBoolean().ShouldBeTrue(status.Out);
        json.RootElement.GetProperty("steps").EnumerateArray().Single().GetProperty("state").GetString().ShouldBe("InDoubt");
    }

    [Fact]
    public async Task After_a_SIGKILL_resume_refuses_while_the_step_s_program_still_runs_and_goes_on_once_it_is_stopped()
    {
        var pidFile = Path.Combine(_dir, "program.pid");
        var state = Path.Combine(_dir, "state");
        var output = Path.Combine(_dir, "out.txt");
        // The first time the step runs it waits (in a child of the shell); run again, it writes a line and ends.
        File.WriteAllText(Path.Combine(_dir, "slow.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: test/slow-once
              version: 1.0.0
              title: A step whose program runs for a minute the first time
            parameters:
              pidFile: { type: path, required: true }
              output: { type: path, required: true }
            steps:
              - id: slow
                uses: exec
                with:
                  command: [sh, -c, 'if [ -e "$1" ]; then echo again >> "$2"; exit 0; fi; echo $$ > "$1"; sleep 60; echo first >> "$2"', sh, "${{ params.pidFile }}", "${{ params.output }}"]
            """);

        using var engine = RunbookProcess.Start(_dir, ["run", "slow.yaml", "-p", $"pidFile={pidFile}", "-p", $"output={output}", "--state-dir", state, "--yes"]);
        var program = await WaitForPid(pidFile);
        engine.Kill(entireProcessTree: false); // SIGKILL, the engine only: nothing can stop its program now
        await engine.WaitForExitAsync();
        var runId = Directory.GetDirectories(Path.Combine(state, "runs")).Select(Path.GetFileName).Single()!;
        var sleep = await WaitForChild(program);

        var status = await RunbookProcess.RunAsync(_dir, ["status", runId, "--state-dir", state]);
        status.Exit.ShouldBe(0, status.Err);
        status.Out.ShouldContain($"still running: pid {program} (sh -c ");
        status.Out.ShouldContain($"still running: pid {sleep} (sleep 60)");

        var refused = await RunbookProcess.RunAsync(_dir, ["resume", runId, "--state-dir", state, "--rerun-in-doubt"]);
        refused.Exit.ShouldBe(2, refused.Out + refused.Err);
        refused.Err.ShouldStartWith($"runbook: error RB0916: run {runId}: the engine that drove it is gone, but programs it started for steps are still running: pid {program} (sh -c ");
        refused.Err.ShouldContain($"(kill {program} {sleep})");
        File.Exists(output).ShouldBeFalse("the step did not run a second time");

        // Refusing took no lock and left the record alone: asking again gives the same answer.
        (await RunbookProcess.RunAsync(_dir, ["resume", runId, "--state-dir", state, "--rerun-in-doubt"])).Exit.ShouldBe(2);

        RunbookProcess.RunProgram("kill", ["-s", "KILL", program.ToString(CultureInfo.InvariantCulture), sleep.ToString(CultureInfo.InvariantCulture)]).Exit.ShouldBe(0);
        for (var i = 0; i < 100 && (IsRunning(program) || IsRunning(sleep)); i++)
        {
            await Task.Delay(50);
        }

        var resumed = await RunbookProcess.RunAsync(_dir, ["resume", runId, "--state-dir", state, "--rerun-in-doubt"]);
        resumed.Exit.ShouldBe(0, resumed.Out + resumed.Err);
        File.ReadAllText(output).ShouldBe("again\n");
    }

    [Fact]
    public async Task A_SIGTERM_at_the_interactive_approval_prompt_ends_the_run_as_interrupted()
    {
        // script(1) gives the CLI a terminal, so the gate asks on it instead of pausing the run.
        var state = Path.Combine(_dir, "state");
        var transcript = Path.Combine(_dir, "terminal.log");
        File.WriteAllText(Path.Combine(_dir, "gate.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: test/gate
              version: 1.0.0
              title: One gate
            steps:
              - id: g
                uses: flow.log
                approval: "go on?"
                with: { message: past the gate }
            """);
        // The command line is script's to run in a shell: every part is a fixed word or a temporary path without spaces.
        _dir.ShouldNotContain(' ');
        using var terminal = RunbookProcess.StartProgram(
            "script", ["-qfec", $"exec env --default-signal=TERM dotnet {RunbookProcess.Dll} run gate.yaml --state-dir {state}", transcript], _dir);

        for (var i = 0; i < 600 && !(File.Exists(transcript) && File.ReadAllText(transcript).Contains("Approve? [y/N]", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }

        File.ReadAllText(transcript).ShouldContain("Approve? [y/N]");
        // The engine's pid, from the run's lock (cat: .NET would take a shared lock to read it, which the holder refuses).
        var runId = Directory.GetDirectories(Path.Combine(state, "runs")).Select(Path.GetFileName).Single()!;
        var holder = RunbookProcess.RunProgram("cat", [Path.Combine(state, "runs", runId, "lock")]).Out;
        var pid = System.Text.Json.JsonDocument.Parse(holder).RootElement.GetProperty("pid").GetInt32();
        RunbookProcess.RunProgram("kill", ["-s", "TERM", pid.ToString(CultureInfo.InvariantCulture)]).Exit.ShouldBe(0);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await terminal.WaitForExitAsync(deadline.Token); // before, the engine sat in the console read until someone typed
        }
        finally
        {
            if (!terminal.HasExited)
            {
                terminal.Kill(entireProcessTree: true);
            }
        }

        terminal.ExitCode.ShouldBe(130, File.ReadAllText(transcript));
        File.ReadAllText(transcript).ShouldContain("interrupted by SIGTERM");
    }

    private static async Task<int> WaitForChild(int parent)
    {
        for (var i = 0; i < 600; i++)
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ...": the parent pid is the second field after the last ')'.
            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(entry), CultureInfo.InvariantCulture, out var pid))
                {
                    continue; // /proc/net, /proc/sys...: not processes
                }

                string stat;
                try
                {
                    stat = File.ReadAllText($"{entry}/stat");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue; // gone meanwhile
                }

                if (stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1] == parent.ToString(CultureInfo.InvariantCulture))
                {
                    return pid;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"process {parent} started no child");
    }

    private static async Task<int> WaitForPid(string pidFile)
    {
        for (var i = 0; i < 600; i++)
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the step never wrote {pidFile}");
    }

    /// <summary>Alive and not a zombie (a zombie has finished; only its parent has not collected it yet).</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        var text = File.ReadAllText(stat);
        return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
    }
}
