using System.Text;

namespace RunbookEngine.EndToEnd.Tests;

/// <summary>
/// The state directory's disk refuses writes in the middle of a run: the real `runbook` process gets real write
/// errors from the kernel. They come from a file-size limit (`ulimit -f`, SIGXFSZ ignored, so a write past it fails
/// with EFBIG instead of killing the process), which needs no mount and no root; to the engine it is the same as a
/// full disk: a write that fails half-way. What an operator must see: a sentence with a code, never "internal error"
/// or a stack trace; a journal that still reads; a resume that finishes the run without running a step twice.
/// </summary>
public sealed class StateDiskFullTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-diskfull-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string State => Path.Combine(_dir, "state");

    private string Output => Path.Combine(_dir, "out.txt");

    /// <summary>The CLI with every file it writes limited to <paramref name="kib"/> KiB; arguments stay an argument vector.</summary>
    private Task<(int Exit, string Out, string Err)> RunLimited(int kib, params string[] args) =>
        RunbookProcess.RunProgramAsync(
            "bash",
            ["-c", "trap '' XFSZ; ulimit -f \"$1\"; shift; exec \"$@\"", "bash", kib.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet", RunbookProcess.Dll, .. args],
            _dir,
            // The runtime's W^X double mapping sizes a memory file far past any small limit and would not start.
            new Dictionary<string, string> { ["DOTNET_EnableWriteXorExecute"] = "0", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });

    private string OnlyRunId()
    {
        var runs = Directory.GetFileSystemEntries(Path.Combine(State, "runs")).Select(Path.GetFileName).ToList();
        runs.Count.ShouldBe(1, string.Join(", ", runs));
        return runs[0]!;
    }

    private List<string> Lines() => File.Exists(Output) ? File.ReadAllLines(Output).Where(l => l.Length > 0).ToList() : [];

    [Fact]
    public async Task A_journal_that_cannot_grow_stops_the_run_with_a_code_and_resume_finishes_it_running_each_step_once()
    {
        // Each step prints 3,000 bytes, which its outputs keep in the journal: the journal reaches the limit first.
        File.WriteAllText(Path.Combine(_dir, "big.yaml"), Runbook("test/big-outputs", 30, "echo \"$2\" >> \"$1\"; head -c 3000 /dev/zero | tr '\\0' x"));

        var run = await RunLimited(48, "run", "big.yaml", "-p", $"output={Output}", "--state-dir", State, "--yes");

        var id = OnlyRunId();
        run.Exit.ShouldBe(1, run.Err);
        run.Err.ShouldContain($"runbook: error RB0907: run {id} stopped: its journal cannot be written");
        run.Err.ShouldContain($"{Path.Combine(State, "runs", id, "journal.jsonl")}:");
        run.Err.ShouldContain("File too large");
        run.Err.ShouldContain($"then 'runbook resume {id}'");
        run.Err.ShouldNotContain("internal error");
        run.Err.ShouldNotContain("   at ");
        var ranBefore = Lines();
        ranBefore.Count.ShouldBeInRange(1, 29, "the limit was meant to stop the run part-way");

        // The journal reads (its torn end is ignored) and says nobody drives the run any more.
        var status = await RunbookProcess.RunAsync(_dir, ["status", id, "--state-dir", State, "--json"]);
        status.Exit.ShouldBe(0, status.Err);
        using var json = System.Text.Json.JsonDocument.Parse(status.Out);
        json.RootElement.GetProperty("interrupted").GetBoolean().ShouldBeTrue(status.Out);

        // Play the operator: a step in doubt (its end was what failed to be recorded) whose line is in the file completed.
        var inDoubt = json.RootElement.GetProperty("steps").EnumerateArray()
            .Where(step => step.GetProperty("state").GetString() == "InDoubt")
            .Select(step => step.GetProperty("item").GetInt32()).ToList();
        inDoubt.Count.ShouldBeLessThanOrEqualTo(1, status.Out);
        var done = inDoubt.Count == 1 && ranBefore.Contains($"step-{inDoubt[0]:D2}");
        var resume = await RunbookProcess.RunAsync(_dir, ["resume", id, "--state-dir", State, done ? "--mark-in-doubt-done" : "--rerun-in-doubt"]);
        resume.Exit.ShouldBe(0, $"{resume.Out}\n{resume.Err}");

        Lines().ShouldBe(Enumerable.Range(0, 30).Select(i => $"step-{i:D2}").ToList());
        File.ReadAllText(Path.Combine(State, "runs", id, "journal.jsonl"), Encoding.UTF8).ShouldContain("\"RunSucceeded\"");
    }

    [Fact]
    public async Task A_run_log_that_cannot_grow_is_reported_once_and_the_run_still_succeeds()
    {
        // A 3,000-character argument: every step logs its command line twice; the journal keeps only empty outputs.
        File.WriteAllText(Path.Combine(_dir, "chatty.yaml"), Runbook("test/chatty", 20, "echo \"$2\" >> \"$1\"; : \"$3\"", new string('y', 3000)));

        var run = await RunLimited(40, "run", "chatty.yaml", "-p", $"output={Output}", "--state-dir", State, "--yes");

        var id = OnlyRunId();
        run.Exit.ShouldBe(0, run.Err);
        run.Out.ShouldContain($"run {id} succeeded");
        var warning = $"runbook: warning: the run log {Path.Combine(State, "runs", id, "log.jsonl")} cannot be written (File too large";
        run.Err.Split('\n').Count(l => l.StartsWith(warning, StringComparison.Ordinal)).ShouldBe(1, run.Err);
        run.Err.ShouldNotContain("internal error");
        Lines().Count.ShouldBe(20);

        // What did reach the log is still readable.
        var logs = await RunbookProcess.RunAsync(_dir, ["logs", id, "--state-dir", State]);
        logs.Exit.ShouldBe(0, logs.Err);
        logs.Out.ShouldContain("INFO append[0] (exec)");
    }

    [Fact]
    public async Task An_approval_that_cannot_be_recorded_is_an_error_with_a_code_and_can_be_given_again()
    {
        // The first step's 3,000-byte output makes the journal larger than the limit the approval is given under.
        File.WriteAllText(Path.Combine(_dir, "gated.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: test/gated
              version: 1.0.0
              title: A big output, then a gate
            steps:
              - id: big
                uses: exec
                with:
                  command: [sh, -c, "head -c 3000 /dev/zero | tr '\\0' x"]
              - id: gate
                uses: flow.log
                approval: "go on?"
                with: { message: past the gate }
            """);
        var run = await RunbookProcess.RunAsync(_dir, ["run", "gated.yaml", "--state-dir", State]);
        run.Exit.ShouldBe(3, run.Out + run.Err);
        var id = OnlyRunId();
        var journal = Path.Combine(State, "runs", id, "journal.jsonl");
        new FileInfo(journal).Length.ShouldBeGreaterThan(2048);

        var approve = await RunLimited(2, "approve", id, "gate", "--state-dir", State);

        approve.Exit.ShouldBe(2, approve.Out + approve.Err);
        approve.Err.ShouldStartWith($"runbook: error RB0907: {journal}:");
        approve.Err.ShouldContain("(ApprovalGranted): File too large");
        approve.Err.ShouldNotContain("internal error");

        // Nothing half-done stands in the way: without the limit the same approval goes through and the run finishes.
        (await RunbookProcess.RunAsync(_dir, ["approve", id, "gate", "--state-dir", State])).Exit.ShouldBe(0);
        var resume = await RunbookProcess.RunAsync(_dir, ["resume", id, "--state-dir", State]);
        resume.Exit.ShouldBe(0, resume.Out + resume.Err);
        resume.Out.ShouldContain("past the gate");
    }

    [Fact]
    public async Task A_run_that_cannot_be_created_leaves_nothing_behind()
    {
        // The pinned copy of this runbook is bigger than the limit.
        var padding = string.Concat(Enumerable.Repeat("# padding to make the pinned copy large\n", 1200));
        File.WriteAllText(Path.Combine(_dir, "large.yaml"), padding + Runbook("test/large", 1, "echo \"$2\" >> \"$1\""));

        var run = await RunLimited(24, "run", "large.yaml", "-p", $"output={Output}", "--state-dir", State, "--yes");

        run.Exit.ShouldBe(2, run.Err);
        run.Err.ShouldStartWith($"runbook: error RB0915: cannot create a run in {State}: File too large");
        run.Err.ShouldContain("Nothing was started.");
        run.Out.ShouldBeEmpty();
        Directory.GetFileSystemEntries(Path.Combine(State, "runs")).ShouldBeEmpty();
        Lines().ShouldBeEmpty();
    }

    /// <summary>A foreach over <paramref name="steps"/> items, each running the literal script with the output file and the item's name as arguments.</summary>
    private static string Runbook(string name, int steps, string script, string? extraArgument = null)
    {
        var items = string.Join(", ", Enumerable.Range(0, steps).Select(i => $"step-{i:D2}"));
        var extra = extraArgument is null ? string.Empty : $", {extraArgument}";
        var quoted = script.Replace("'", "''", StringComparison.Ordinal);
        return $$$"""
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: {{{name}}}
              version: 1.0.0
              title: Steps that each append their name to a file
            parameters:
              output: { type: path, required: true }
            steps:
              - id: append
                uses: exec
                foreach: [{{{items}}}]
                with:
                  command: [sh, -c, '{{{quoted}}}', sh, "${{ params.output }}", "${{ item }}"{{{extra}}}]

            """;
    }
}
