using System.Security.Cryptography;
using System.Text;
using RunbookEngine.Cli.Tests.Support;

namespace RunbookEngine.Cli.Tests.Engine;

/// <summary>run, plan, resume, approve, cancel, runs, status and logs as an operator uses them.</summary>
public sealed class EngineCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-engine-cli-").FullName;

    public EngineCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "runbooks", "demo"));
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, "data", "keep.txt"), "node data");
        WriteRunbook(Gated("first"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string State => Path.Combine(_dir, "state");

    private string Output => Path.Combine(_dir, "out.txt");

    private void WriteRunbook(string text) => File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "gated.yaml"), text);

    /// <summary>Appends <paramref name="word"/> to out.txt after an approval gate; a secret is interpolated into a log line.</summary>
    private string Gated(string word) => $$$"""
        apiVersion: runbook/v1
        kind: Runbook
        metadata:
          name: demo/gated
          version: 1.0.0
          title: Append a word after an approval
          source: test#1
        parameters:
          token: { type: secret, required: true }
        steps:
          - id: look
            uses: fs.stat
            with: { path: data }
          - id: say
            uses: flow.log
            with: { message: "token is ${{ params.token }}" }
          - id: write
            uses: exec
            approval: "append {{{word}}}?"
            with:
              command: [sh, -c, 'echo {{{word}}} >> "$1"', sh, "{{{Output}}}"]
        """;

    private Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync(_dir, args);

    private static string RunId(CliResult result) => result.Stdout.Split(' ', 3)[1];

    [Fact]
    public async Task A_state_directory_that_cannot_hold_runs_is_an_error_with_a_code_and_nothing_runs()
    {
        var file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "x");

        var run = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", file, "--yes");

        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldBe(
            $"runbook: error RB0915: cannot create a run in {file}: {file} is a file, not a folder. Nothing was started. " +
            "Free space there or make it writable, or choose another state directory with --state-dir or RUNBOOK_STATE_DIR\n");
        run.Stdout.ShouldBeEmpty();
        File.Exists(Output).ShouldBeFalse();
    }

    [Fact]
    public async Task A_folder_given_as_the_runbook_is_called_a_folder()
    {
        var data = Path.Combine(_dir, "data");

        var run = await Cli("run", data, "--state-dir", State);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Stderr.ShouldStartWith($"{data}: error RB0802: '{data}' is a folder; this command takes one runbook");
        Directory.Exists(State).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_run_of_a_runbook_is_refused_while_the_first_is_paused_unless_concurrent()
    {
        var first = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State);
        first.ExitCode.ShouldBe(ExitCodes.Paused, first.Stderr);
        var id = RunId(first);

        var second = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State, "--yes");

        second.ExitCode.ShouldBe(ExitCodes.InvalidInput, second.Stderr);
        second.Stderr.ShouldBe(
            $"runbook: error RB0917: run {id} of demo/gated@1.0.0 is paused; two runs of one runbook at once may act on the same systems. " +
            $"Finish it ('runbook resume {id}'), cancel it ('runbook cancel {id}'), or start this one anyway with --concurrent\n");
        second.Stdout.ShouldBeEmpty();
        Directory.GetDirectories(Path.Combine(State, "runs")).Length.ShouldBe(1, "nothing was created");
        File.Exists(Output).ShouldBeFalse();

        var anyway = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State, "--yes", "--concurrent");
        anyway.ExitCode.ShouldBe(ExitCodes.Success, anyway.Stderr);

        // Another runbook is not held back, and a cancelled run holds back nothing.
        (await Cli("cancel", id, "--state-dir", State)).ExitCode.ShouldBe(ExitCodes.Success);
        var after = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State, "--yes");
        after.ExitCode.ShouldBe(ExitCodes.Success, after.Stderr);
        after.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failed_run_of_the_runbook_is_mentioned_but_does_not_hold_a_new_one_back()
    {
        WriteRunbook(Gated("first").Replace("command: [sh, -c, 'echo first >> \"$1\"'", "command: [sh, -c, 'exit 7'", StringComparison.Ordinal));
        var failed = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State, "--yes");
        failed.ExitCode.ShouldBe(ExitCodes.RunFailed, failed.Stdout + failed.Stderr);
        var id = RunId(failed);
        WriteRunbook(Gated("second"));

        var next = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State, "--yes");

        next.ExitCode.ShouldBe(ExitCodes.Success, next.Stderr);
        next.Stderr.ShouldBe($"runbook: note: run {id} of demo/gated@1.0.0 failed and can still be resumed; 'runbook cancel {id}' if it is not to be continued\n");
        File.ReadAllText(Output).ShouldBe("second\n");
    }

    [Fact]
    public async Task A_secret_can_come_from_the_environment_for_run_and_again_for_resume_and_is_stored_nowhere()
    {
        var environment = new Dictionary<string, string> { ["RUNBOOK_SECRET_token"] = "env-hunter2" };

        var run = await CliRunner.RunAsync(_dir, environment, "run", "demo/gated", "--state-dir", State);
        run.ExitCode.ShouldBe(ExitCodes.Paused, run.Stderr);
        var id = RunId(run);
        (await Cli("approve", id, "write", "--state-dir", State)).ExitCode.ShouldBe(ExitCodes.Success);

        var withoutSecret = await Cli("resume", id, "--state-dir", State);
        withoutSecret.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        withoutSecret.Stderr.ShouldContain("give it again in the environment variable RUNBOOK_SECRET_token or with -p 'token=...'");

        var resume = await CliRunner.RunAsync(_dir, environment, "resume", id, "--state-dir", State);
        resume.ExitCode.ShouldBe(ExitCodes.Success, resume.Stdout + resume.Stderr);
        File.ReadAllText(Output).ShouldBe("first\n");
        (await Cli("logs", id, "--state-dir", State)).Stdout.ShouldContain("token is ***");
        foreach (var file in Directory.GetFiles(Path.Combine(State, "runs", id), "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).ShouldNotContain("env-hunter2", customMessage: file);
        }
    }

    [Fact]
    public async Task Logs_follow_prints_a_driven_run_s_lines_as_they_come_and_ends_with_the_run()
    {
        File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "slow.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: demo/slow
              version: 1.0.0
              title: Four steps of a fifth of a second
            steps:
              - id: tick
                uses: exec
                foreach: [1, 2, 3, 4]
                with:
                  command: [sleep, "0.2"]
            """);
        var run = Cli("run", "demo/slow", "--state-dir", State, "--yes");
        var runs = Path.Combine(State, "runs");
        string? id = null;
        for (var i = 0; i < 400 && id is null; i++)
        {
            id = Directory.Exists(runs) ? Directory.GetDirectories(runs).Select(Path.GetFileName).FirstOrDefault(n => !n!.StartsWith('.')) : null;
            await Task.Delay(10);
        }

        id.ShouldNotBeNull("the run was never created");
        var follow = await Cli("logs", id, "-f", "--state-dir", State);

        // It returned because the run let go of its lock; ending early would have missed the later lines.
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode.ShouldBe(ExitCodes.Success);
        follow.ExitCode.ShouldBe(ExitCodes.Success, follow.Stderr);
        follow.Stdout.ShouldBe((await Cli("logs", id, "--state-dir", State)).Stdout);
        follow.Stdout.ShouldContain("INFO tick[3] done");
    }

    [Fact]
    public async Task Run_prints_the_run_id_first_pauses_at_the_gate_then_approve_and_resume_finish_it()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State);

        run.ExitCode.ShouldBe(ExitCodes.Paused, run.Stderr);
        run.Stdout.ShouldStartWith("run 20");
        run.Stdout.ShouldContain("waits for approval: append first?");
        File.Exists(Output).ShouldBeFalse();
        var id = RunId(run);

        var approve = await Cli("approve", id, "write", "--state-dir", State);
        approve.ExitCode.ShouldBe(ExitCodes.Success, approve.Stderr);

        var resume = await Cli("resume", id, "-p", "token=hunter2", "--state-dir", State);
        resume.ExitCode.ShouldBe(ExitCodes.Success, resume.Stdout + resume.Stderr);
        File.ReadAllText(Output).ShouldBe("first\n");

        var status = await Cli("status", id, "--state-dir", State, "--json");
        status.Stdout.ShouldContain("\"state\": \"Succeeded\"");
        using (var json = System.Text.Json.JsonDocument.Parse(status.Stdout))
        {
            // Outputs are JSON values, not strings holding JSON.
            var write = json.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "write");
            write.GetProperty("outputs").GetProperty("exitCode").GetInt32().ShouldBe(0);
            var say = json.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "say");
            say.GetProperty("outputs").ValueKind.ShouldBeOneOf(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonValueKind.Null);
        }

        var runs = await Cli("runs", "--state-dir", State);
        runs.Stdout.ShouldContain(id);
        runs.Stdout.ShouldContain("succeeded");
        var logs = await Cli("logs", id, "--state-dir", State);
        logs.Stdout.ShouldContain("token is ***");
    }

    [Fact]
    public async Task Runs_says_so_when_there_are_none_instead_of_an_empty_table()
    {
        var runs = await Cli("runs", "--state-dir", State);

        runs.ExitCode.ShouldBe(ExitCodes.Success, runs.Stderr);
        runs.Stdout.Trim().ShouldBe($"no runs: the state directory {State} does not exist (--state-dir, RUNBOOK_STATE_DIR)");

        Directory.CreateDirectory(State);
        runs = await Cli("runs", "--state-dir", State);
        runs.Stdout.Trim().ShouldBe($"no runs in {Path.Combine(State, "runs")}");
        (await Cli("runs", "--state-dir", State, "--json")).Stdout.Trim().ShouldBe("[]");
    }

    [Fact]
    public async Task Runs_keeps_each_run_on_one_line_when_piped_however_long_the_runbook_name()
    {
        const string name = "demo/restore-every-node-from-the-newest-verified-backup";
        File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "restore-every-node-from-the-newest-verified-backup.yaml"), $$"""
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: {{name}}, version: 10.20.30, title: Long name }
            steps:
              - id: hello
                uses: flow.log
                with: { message: hello }
            """);
        var run = await Cli("run", name, "--state-dir", State);
        var id = RunId(run);

        var runs = await Cli("runs", "--state-dir", State);

        runs.Stdout.Split('\n').ShouldContain(l => l.Contains(id, StringComparison.Ordinal) && l.Contains($"{name}@10.20.30", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal),
            runs.Stdout);
    }

    [Fact]
    public async Task Status_lists_a_foreach_step_before_its_items_and_outputs_as_name_value_pairs()
    {
        File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "each.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: demo/each, version: 1.0.0, title: Foreach }
            parameters:
              xs: { type: list, items: int, default: [1, 2] }
            steps:
              - id: each
                foreach: ${{ params.xs }}
                uses: exec
                with: { command: [echo, "item ${{ item }}"] }
              - id: after
                uses: flow.log
                with: { message: done }
            """);
        var id = RunId(await Cli("run", "demo/each", "--state-dir", State));

        var status = await Cli("status", id, "--state-dir", State);

        var rows = status.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("each", StringComparison.Ordinal) || l.StartsWith("after", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[0]).ToList();
        rows.ShouldBe(["each", "each[0]", "each[1]", "after"], status.Stdout);
        status.Stdout.ShouldContain("exitCode=0, stdout=\"item 1\\n\", stderr=\"\"");
        status.Stdout.ShouldContain("2 items");
    }

    [Fact]
    public async Task Runs_lists_a_damaged_run_in_the_table_and_says_what_is_wrong_under_it()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State);
        var id = RunId(run);
        var journal = Path.Combine(State, "runs", id, "journal.jsonl");
        var lines = File.ReadAllLines(journal);
        lines[2] = lines[2].Replace("\"look\"", "\"lock\"", StringComparison.Ordinal); // a record in the middle: not a torn end
        File.WriteAllLines(journal, lines);

        var runs = await Cli("runs", "--state-dir", State);

        runs.ExitCode.ShouldBe(ExitCodes.Success, runs.Stderr);
        var table = runs.Stdout.Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal) && !l.Contains("is damaged", StringComparison.Ordinal));
        table.ShouldContain("demo/gated@1.0.0");
        table.ShouldContain(" damaged ");
        runs.Stdout.ShouldContain($"{id} is damaged: {journal}:3: RB0901 record damaged: checksum mismatch");
    }

    [Fact]
    public async Task A_failed_run_says_how_to_resume_and_that_resume_keeps_the_parameters()
    {
        File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "fails.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: demo/fails, version: 1.0.0, title: Fails on a wrong path }
            parameters:
              dir: { type: path, required: true }
            steps:
              - id: check
                uses: exec
                with: { command: [test, -d, "${{ params.dir }}"] }
            """);

        var run = await Cli("run", "demo/fails", "-p", "dir=/no/such/dir", "--state-dir", State);

        run.ExitCode.ShouldBe(ExitCodes.RunFailed, run.Stdout + run.Stderr);
        var id = RunId(run);
        run.Stderr.ShouldContain($"run {id} failed at check: test -d /no/such/dir exited with code 1 (expected 0)");
        run.Stderr.ShouldContain($"'runbook resume {id}' re-runs the failed step with the same runbook and parameters;");
        run.Stderr.ShouldContain($"if a parameter is what was wrong, 'runbook cancel {id}' and start a new run with the right value");
    }

    [Fact]
    public async Task A_secret_never_reaches_any_file_of_the_run_or_any_output()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=hunter2", "--state-dir", State, "--yes");

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Stderr);
        (run.Stdout + run.Stderr).ShouldNotContain("hunter2");
        foreach (var file in Directory.EnumerateFiles(State, "*", SearchOption.AllDirectories))
        {
            Encoding.UTF8.GetString(File.ReadAllBytes(file)).ShouldNotContain("hunter2", customMessage: file);
        }
    }

    [Fact]
    public async Task Resume_uses_the_runbook_pinned_at_the_start_not_the_file_changed_on_disk()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=t", "--state-dir", State);
        run.ExitCode.ShouldBe(ExitCodes.Paused);
        WriteRunbook(Gated("second"));

        var resume = await Cli("resume", RunId(run), "-p", "token=t", "--state-dir", State, "--yes");

        resume.ExitCode.ShouldBe(ExitCodes.Success, resume.Stdout + resume.Stderr);
        File.ReadAllText(Output).ShouldBe("first\n");
    }

    [Fact]
    public async Task Resume_runs_the_called_runbook_pinned_at_the_start_even_from_another_directory()
    {
        var callee = Path.Combine(_dir, "runbooks", "demo", "append.yaml");
        File.WriteAllText(callee, Append("called-first"));
        File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "caller.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: demo/caller, version: 1.0.0, title: Calls demo/append behind a gate }
            steps:
              - id: gate
                uses: flow.approve
                with: { message: go? }
              - id: append
                uses: runbook:demo/append@1.0.0
            """);
        var run = await Cli("run", "demo/caller", "--state-dir", State);
        run.ExitCode.ShouldBe(ExitCodes.Paused, run.Stdout + run.Stderr);
        var folder = Directory.EnumerateDirectories(Path.Combine(State, "runs")).Single();
        File.ReadAllText(Path.Combine(folder, "called", "index.json")).ShouldContain("\"demo/append@1.0.0\": \"demo_append@1.0.0.yaml\"");

        // The catalog's copy changes, and the operator resumes from a directory without any catalog.
        File.WriteAllText(callee, Append("called-second"));
        var resume = await InAnotherDirectory(elsewhere => CliRunner.RunAsync(elsewhere, "resume", RunId(run), "--state-dir", State, "--yes"));

        resume.ExitCode.ShouldBe(ExitCodes.Success, resume.Stdout + resume.Stderr);
        File.ReadAllText(Output).ShouldBe("called-first\n");
    }

    [Fact]
    public async Task Resume_takes_secrets_nested_in_a_list_of_objects_again_by_their_path()
    {
        File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "nested.yaml"), $$$"""
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: demo/nested, version: 1.0.0, title: A secret inside each node }
            types:
              node:
                properties:
                  name: { type: string, required: true }
                  password: { type: secret, required: true }
            parameters:
              nodes: { type: list, items: node, required: true }
            steps:
              - id: gate
                uses: flow.approve
                with: { message: go? }
              - id: write
                uses: exec
                with:
                  command: [sh, -c, 'echo "$1:$2" >> "$3"', sh, "${{ params.nodes[1].name }}", "${{ params.nodes[1].password }}", "{{{Output}}}"]
            """);
        var run = await Cli("run", "demo/nested", "-p", "nodes=[{name: a, password: pa55-a}, {name: b, password: pa55-b}]", "--state-dir", State);
        run.ExitCode.ShouldBe(ExitCodes.Paused, run.Stdout + run.Stderr);

        var missing = await Cli("resume", RunId(run), "-p", "nodes[0].password=pa55-a", "--state-dir", State, "--yes");
        var resumed = await Cli("resume", RunId(run), "-p", "nodes[0].password=pa55-a", "-p", "nodes[1].password=pa55-b", "--state-dir", State, "--yes");

        missing.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        missing.Stderr.ShouldContain("secret parameter 'nodes[1].password' is not stored with the run");
        resumed.ExitCode.ShouldBe(ExitCodes.Success, resumed.Stdout + resumed.Stderr);
        File.ReadAllText(Output).ShouldBe("b:pa55-b\n");
        foreach (var file in Directory.EnumerateFiles(State, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).ShouldNotContain("pa55", customMessage: file);
        }
    }

    [Fact]
    public async Task Resume_from_another_directory_resolves_relative_paths_where_the_run_was_started()
    {
        File.WriteAllText(Path.Combine(_dir, "runbooks", "demo", "relative.yaml"), """
            apiVersion: runbook/v1
            kind: Runbook
            metadata: { name: demo/relative, version: 1.0.0, title: Writes to a relative path after a gate }
            parameters:
              out: { type: path, required: true }
            steps:
              - id: gate
                uses: flow.approve
                with: { message: go? }
              - id: write
                uses: exec
                with:
                  command: [sh, -c, 'echo here >> "$1"', sh, "${{ params.out }}"]
            """);
        var run = await Cli("run", "demo/relative", "-p", "out=relative-out.txt", "--state-dir", State);
        run.ExitCode.ShouldBe(ExitCodes.Paused, run.Stdout + run.Stderr);
        var (resume, strayed) = await InAnotherDirectory(async elsewhere =>
            (await CliRunner.RunAsync(elsewhere, "resume", RunId(run), "--state-dir", State, "--yes"), File.Exists(Path.Combine(elsewhere, "relative-out.txt"))));

        resume.ExitCode.ShouldBe(ExitCodes.Success, resume.Stdout + resume.Stderr);
        File.ReadAllText(Path.Combine(_dir, "relative-out.txt")).ShouldBe("here\n");
        strayed.ShouldBeFalse();
    }

    /// <summary>Runs <paramref name="act"/> in a fresh directory with no catalog, as an operator resuming from elsewhere would.</summary>
    private static async Task<T> InAnotherDirectory<T>(Func<string, Task<T>> act)
    {
        var elsewhere = Directory.CreateTempSubdirectory("runbook-elsewhere-").FullName;
        try
        {
            return await act(elsewhere);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    private string Append(string word) => $$$"""
        apiVersion: runbook/v1
        kind: Runbook
        metadata: { name: demo/append, version: 1.0.0, title: Appends a word }
        steps:
          - id: write
            uses: exec
            with:
              command: [sh, -c, 'echo {{{word}}} >> "$1"', sh, "{{{Output}}}"]
        """;

    [Theory]
    [InlineData("y\n", ExitCodes.Success, "first\n")]
    [InlineData("n\n", ExitCodes.RunFailed, null)]
    public async Task On_a_terminal_the_operator_is_asked_at_the_gate(string answer, int exit, string? written)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["run", "demo/gated", "-p", "token=t", "--state-dir", State],
            new CliEnvironment(stdout, stderr, IsTerminal: true, _dir, new StringReader(answer)));

        code.ShouldBe(exit, stdout + "\n" + stderr);
        stdout.ToString().ShouldContain("Approve? [y/N]");
        stdout.ToString().ShouldContain("what runs if you approve:\n  - write (exec)");
        (File.Exists(Output) ? File.ReadAllText(Output) : null).ShouldBe(written);
    }

    [Fact]
    public async Task Plan_changes_no_file_and_shows_what_each_step_would_do()
    {
        var before = TreeHash(_dir);

        var plan = await Cli("plan", "demo/gated", "-p", "token=hunter2", "--format", "markdown");

        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.Stderr);
        TreeHash(_dir).ShouldBe(before);
        plan.Stdout.ShouldContain("# Plan: demo/gated@1.0.0");
        plan.Stdout.ShouldContain("| `write` | `exec` |");
        plan.Stdout.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task A_run_driven_by_another_process_cannot_be_resumed_at_the_same_time()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=t", "--state-dir", State);
        var id = RunId(run);
        using var held = RunbookEngine.Runs.RunLock.Acquire(Path.Combine(State, "runs", id));

        var resume = await Cli("resume", id, "-p", "token=t", "--state-dir", State);

        resume.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        resume.Stderr.ShouldContain("RB0912");
        resume.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Status_shows_a_step_in_flight_as_running_while_its_engine_lives_and_in_doubt_once_it_is_gone()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=t", "--state-dir", State);
        var id = RunId(run);
        var folder = Path.Combine(State, "runs", id);

        // What a resumed engine writes as it starts the gated step, while it holds the run.
        var held = RunbookEngine.Runs.RunLock.Acquire(folder);
        using (var journal = RunbookEngine.Journal.JournalWriter.Open(Path.Combine(folder, "journal.jsonl"), TimeProvider.System))
        {
            journal.Append(new RunbookEngine.Journal.RunResumed());
            journal.Append(new RunbookEngine.Journal.StepStarted("write", null, 1));
        }

        var live = await Cli("status", id, "--state-dir", State);
        live.Stdout.ShouldContain($"run {id}  demo/gated@1.0.0  running");
        live.Stdout.ShouldMatch(@"(?m)^\s*write\s+running\s");
        (await Cli("runs", "--state-dir", State)).Stdout.ShouldMatch($@"(?m)^\s*{id}\s+demo/gated@1\.0\.0\s+running\s");

        held.Dispose();

        var gone = await Cli("status", id, "--state-dir", State);
        gone.Stdout.ShouldContain($"run {id}  demo/gated@1.0.0  interrupted");
        gone.Stdout.ShouldContain($"continue with: runbook resume {id}");
        gone.Stdout.ShouldMatch(@"(?m)^\s*write\s+indoubt\s");
        (await Cli("runs", "--state-dir", State)).Stdout.ShouldMatch($@"(?m)^\s*{id}\s+demo/gated@1\.0\.0\s+interrupted\s");
    }

    [Fact]
    public async Task Cancel_ends_a_paused_run_for_good()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=t", "--state-dir", State);
        var id = RunId(run);

        (await Cli("cancel", id, "--state-dir", State)).ExitCode.ShouldBe(ExitCodes.Success);
        var resume = await Cli("resume", id, "-p", "token=t", "--state-dir", State);

        resume.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        resume.Stderr.ShouldContain("cancelled");
    }

    [Fact]
    public async Task Resume_needs_the_secrets_again_and_refuses_to_change_pinned_parameters()
    {
        var run = await Cli("run", "demo/gated", "-p", "token=t", "--state-dir", State);
        var id = RunId(run);

        var noSecret = await Cli("resume", id, "--state-dir", State);
        noSecret.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        noSecret.Stderr.ShouldContain("secret parameter 'token' is not stored with the run");
    }

    [Fact]
    public async Task Invalid_parameters_stop_the_run_before_any_run_folder_exists()
    {
        var run = await Cli("run", "demo/gated", "--state-dir", State);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Stderr.ShouldContain("RB0702");
        Directory.Exists(Path.Combine(State, "runs")).ShouldBeFalse();
    }

    private static string TreeHash(string root)
    {
        var sb = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sb.Append(Path.GetRelativePath(root, file)).Append(':').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))).Append('\n');
        }

        return sb.ToString();
    }
}
