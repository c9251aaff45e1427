using System.Diagnostics;
using RunbookEngine.Activities.Process;
using RunbookEngine.Activities.Process.Native;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Process;

/// <summary>
/// exec, shell and the packs' tools start programs with posix_spawn on Linux and with System.Diagnostics.Process
/// elsewhere. Every case here runs both ways and must give the same outputs and errors, so the fast path cannot drift
/// from the reference one.
/// </summary>
public sealed class NativeSpawnTests : IDisposable
{
    private const string Secret = "Zq-native-secret-42";
    private readonly TempTree _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<bool> BothWays => new() { true, false };

    private async Task<Exec.Output> Run(bool native, IReadOnlyList<string> command, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null,
        string? directory = null, CancellationToken cancellationToken = default, string? input = null, string? stdoutFile = null)
    {
        var context = new TestContext(_dir.Path, [Secret]).Context;
        var spec = new ProcessSpec("exec", command, directory ?? _dir.Path, environment, null, timeout, string.Join(' ', command), input, CheckExitCode: false, StdoutFile: stdoutFile);
        return await ProcessRun.RunAsync(spec, context, native, cancellationToken);
    }

    private async Task<(Exec.Output Native, Exec.Output Process)> Both(IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var native = await Run(true, command, environment: environment);
        var process = await Run(false, command, environment: environment);
        native.ShouldBe(process);
        return (native, process);
    }

    [Fact]
    public void The_fast_path_is_available_on_this_linux_machine()
    {
        // CI and the supported hosts are Linux with glibc >= 2.29 and a kernel >= 5.3; if this fails there, every
        // other test here compares Process with itself.
        if (OperatingSystem.IsLinux())
        {
            PosixSpawn.IsAvailable.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Outputs_exit_code_and_argv_are_the_same_both_ways()
    {
        var (native, _) = await Both(["sh", "-c", "printf '%s|' \"$@\"; echo to-err >&2; exit 7", "sh", "a b", "$HOME", "; touch x", "é€"]);

        native.Stdout.ShouldBe("a b|$HOME|; touch x|é€|");
        native.Stderr.ShouldBe("to-err\n");
        native.ExitCode.ShouldBe(7);
    }

    [Fact]
    public async Task The_environment_is_the_engines_plus_the_steps_and_the_folder_is_the_steps()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_dir.Path, "sub dir")).FullName;
        var command = new[] { "sh", "-c", "echo \"$STEP_VALUE|${PATH:+has-path}|$(pwd)\"" };

        var native = await Run(true, command, environment: new Dictionary<string, string> { ["STEP_VALUE"] = "v=1" }, directory: sub);
        var process = await Run(false, command, environment: new Dictionary<string, string> { ["STEP_VALUE"] = "v=1" }, directory: sub);

        native.ShouldBe(process);
        native.Stdout.ShouldBe($"v=1|has-path|{sub}\n");
    }

    [Fact]
    public async Task The_same_descriptors_are_inherited_and_the_same_signals_ignored_except_sigpipe()
    {
        // ls lists /proc/self/fd with one descriptor of its own open (3); the test host may pass on some of its own,
        // which both ways inherit alike. None of the spawner's pipes may show up.
        string[] command = ["sh", "-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '; grep -E '^Sig(Blk|Ign)' /proc/self/status"];
        var native = await Run(true, command);
        var process = await Run(false, command);

        native.Stdout.ShouldStartWith("0 1 2 3 ");
        Descriptors(native).ShouldBe(Descriptors(process));
        Mask(native, "SigBlk").ShouldBe(0UL);
        Mask(process, "SigBlk").ShouldBe(0UL);
        const ulong sigpipe = 1UL << 12;
        Mask(native, "SigIgn").ShouldBe(Mask(process, "SigIgn") & ~sigpipe, "only SIGPIPE differs: Process passes on the runtime's SIG_IGN");
        (Mask(native, "SigIgn") & sigpipe).ShouldBe(0UL);
    }

    [Fact]
    public async Task Signals_ignored_by_whoever_started_the_engine_stay_ignored_in_the_program()
    {
        // As nohup does it: the engine's child (this sh) ignores SIGHUP, and the program it starts must too.
        var output = await Run(true, ["sh", "-c", "trap '' HUP; exec grep SigIgn /proc/self/status"]);

        (Convert.ToUInt64(output.Stdout.Split(':')[1].Trim(), 16) & 1UL).ShouldBe(1UL);
    }

    [Fact]
    public async Task Sigpipe_has_its_default_action_so_a_pipeline_ends_quietly()
    {
        var native = await Run(true, ["sh", "-c", "yes | head -n 2"]);

        native.Stdout.ShouldBe("y\ny\n");
        native.Stderr.ShouldBeEmpty("yes was ended by SIGPIPE instead of writing to a closed pipe");
    }

    private static string Descriptors(Exec.Output output) => output.Stdout[..output.Stdout.IndexOf("Sig", StringComparison.Ordinal)];

    private static ulong Mask(Exec.Output output, string name) =>
        Convert.ToUInt64(System.Text.RegularExpressions.Regex.Match(output.Stdout, name + @":\s*([0-9a-f]+)").Groups[1].Value, 16);

    [Fact]
    public async Task A_program_ended_by_a_signal_reports_128_plus_the_signal()
    {
        var (native, _) = await Both(["sh", "-c", "kill -TERM $$"]);

        native.ExitCode.ShouldBe(143);
    }

    [Fact]
    public async Task Large_outputs_on_both_streams_are_drained_capped_and_counted_the_same_way()
    {
        // 300 KB on each stream, interleaved: a reader that waits on one pipe while the other fills would hang here.
        var (native, _) = await Both(["sh", "-c", "i=0; while [ $i -lt 3000 ]; do printf '%099d\\n' $i; printf '%099d\\n' $i >&2; i=$((i+1)); done"]);

        native.Stdout.Length.ShouldBeGreaterThan(Exec.MaxCaptured);
        native.Stdout.ShouldEndWith("more characters not captured]");
    }

    [Fact]
    public async Task Multibyte_characters_split_across_reads_decode_the_same()
    {
        var (native, _) = await Both(["sh", "-c", "i=0; while [ $i -lt 4000 ]; do printf 'é€𝄞'; i=$((i+1)); done"]);

        native.Stdout.ShouldNotContain('\uFFFD');
    }

    [Fact]
    public async Task Secrets_in_the_environment_are_redacted_from_the_output()
    {
        var (native, _) = await Both(["sh", "-c", "echo \"$TOKEN\"; echo \"$TOKEN\" >&2"], new Dictionary<string, string> { ["TOKEN"] = Secret });

        native.Stdout.ShouldBe("***\n");
        native.Stderr.ShouldBe("***\n");
    }

    [Fact]
    public async Task Stdin_is_closed_so_a_reader_sees_end_of_file()
    {
        var (native, _) = await Both(["cat"]);

        native.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Input_is_fed_to_stdin_byte_for_byte_then_closed()
    {
        // 1 MiB (far more than a pipe holds) with multi-byte characters, and the program writes while it reads.
        var input = string.Concat(Enumerable.Repeat("é€𝄞 line\n", 1 << 16));
        string[] command = ["sh", "-c", "tee /dev/stderr | wc -c; cat >/dev/null; echo done >&2"];

        var native = await Run(true, command, input: input);
        var process = await Run(false, command, input: input);

        native.Stdout.Trim().ShouldBe(System.Text.Encoding.UTF8.GetByteCount(input).ToString(System.Globalization.CultureInfo.InvariantCulture));
        native.ShouldBe(process);
        native.Stderr.ShouldStartWith("é€𝄞 line\n");
        native.ExitCode.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task A_program_that_does_not_read_its_input_neither_hangs_nor_fails(bool native)
    {
        var input = new string('x', 1 << 20);

        var exitsAtOnce = await Run(native, ["true"], input: input, timeout: TimeSpan.FromSeconds(30));
        var readsALittle = await Run(native, ["head", "-c", "5"], input: input, timeout: TimeSpan.FromSeconds(30));
        var closesAndLingers = await Run(native, ["sh", "-c", "exec 0<&-; sleep 0.2; echo still-here"], input: input, timeout: TimeSpan.FromSeconds(30));

        exitsAtOnce.ExitCode.ShouldBe(0);
        readsALittle.Stdout.ShouldBe("xxxxx");
        closesAndLingers.Stdout.ShouldBe("still-here\n");
    }

    [Fact]
    public async Task Stdout_to_a_file_is_the_programs_bytes_unchanged_and_stderr_is_still_captured()
    {
        var nativeFile = _dir.Combine("native.bin");
        var processFile = _dir.Combine("process.bin");
        File.WriteAllText(nativeFile, "left over from before, longer than the new content");
        string[] command = ["sh", "-c", "printf 'a\\000\\377\\r\\n\\351b'; echo progress >&2"];

        var native = await Run(true, command, stdoutFile: nativeFile);
        var process = await Run(false, command, stdoutFile: processFile);

        native.ShouldBe(process);
        native.Stdout.ShouldBeEmpty();
        native.Stderr.ShouldBe("progress\n");
        File.ReadAllBytes(nativeFile).ShouldBe(new byte[] { (byte)'a', 0, 0xff, (byte)'\r', (byte)'\n', 0xe9, (byte)'b' });
        File.ReadAllBytes(processFile).ShouldBe(File.ReadAllBytes(nativeFile));
    }

    [Fact]
    public async Task Programs_fed_input_or_writing_to_a_file_also_get_sigpipes_default()
    {
        string[] command = ["sh", "-c", "cat >/dev/null; grep SigIgn /proc/self/status"];
        const ulong sigpipe = 1UL << 12;

        var fed = await Run(true, command, input: "some input\n");
        var toFile = await Run(true, ["sh", "-c", "grep SigIgn /proc/self/status >&2"], stdoutFile: _dir.Combine("out.bin"));

        (Mask(fed, "SigIgn") & sigpipe).ShouldBe(0UL);
        (Convert.ToUInt64(toFile.Stderr.Split(':')[1].Trim(), 16) & sigpipe).ShouldBe(0UL);
    }

    [Fact]
    public async Task A_slow_program_moves_off_the_callers_thread_and_still_reports_everything()
    {
        var (native, _) = await Both(["sh", "-c", "echo early; sleep 0.3; echo late >&2; exit 2"]);

        native.Stdout.ShouldBe("early\n");
        native.Stderr.ShouldBe("late\n");
        native.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Programs_started_at_the_same_time_keep_their_own_outputs_and_exit_codes()
    {
        // A parallel foreach: many children at once, some quick (inline), some slow (own thread), none mixed up.
        var runs = Enumerable.Range(0, 24).Select(i => Run(true, ["sh", "-c", $"{(i % 3 == 0 ? "sleep 0.1; " : string.Empty)}echo out-{i}; echo err-{i} >&2; exit {i % 5}"])).ToList();

        var outputs = await Task.WhenAll(runs);

        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i].ShouldBe(new Exec.Output { ExitCode = i % 5, Stdout = $"out-{i}\n", Stderr = $"err-{i}\n" });
        }
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task A_missing_program_fails_to_start_and_is_not_retried(bool native)
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => Run(native, ["no-such-program-" + Guid.NewGuid().ToString("N")]));

        failure.ErrorType.ShouldBe("exec.start-failed");
        failure.Retryable.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task A_missing_working_folder_fails_to_start(bool native)
    {
        var failure = await Should.ThrowAsync<ActivityFailure>(() => Run(native, ["true"], directory: Path.Combine(_dir.Path, "missing")));

        failure.ErrorType.ShouldBe("exec.start-failed");
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task A_timeout_kills_the_program_and_its_children(bool native)
    {
        var marker = Path.Combine(_dir.Path, "child.pid");
        var watch = Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<ActivityFailure>(() => Run(native, ["sh", "-c", $"sleep 60 & echo $! > '{marker}'; wait"], timeout: TimeSpan.FromMilliseconds(500)));

        failure.ErrorType.ShouldBe("exec.timeout");
        failure.Retryable.ShouldBeTrue();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        var child = int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        ProcessGone(child).ShouldBeTrue("the grandchild was killed with its parent");
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task Cancelling_the_run_kills_the_program(bool native)
    {
        var marker = Path.Combine(_dir.Path, "self.pid");
        using var cts = new CancellationTokenSource();
        var run = Run(native, ["sh", "-c", $"echo $$ > '{marker}'; exec sleep 60"], cancellationToken: cts.Token);
        while (!File.Exists(marker) || new FileInfo(marker).Length == 0)
        {
            await Task.Delay(20);
        }

        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        ProcessGone(int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task A_background_child_holding_the_pipes_does_not_hold_the_step_for_long(bool native)
    {
        var watch = Stopwatch.StartNew();

        var output = await Run(native, ["sh", "-c", "sleep 8 & echo started"]);

        output.Stdout.ShouldBe("started\n");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(7), "the drain after exit is bounded (2 s), not until the background child ends");
    }

    /// <summary>Gone, or a zombie waiting for a parent that is not us.</summary>
    private static bool ProcessGone(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            var status = $"/proc/{pid}/status";
            if (!File.Exists(status) || File.ReadLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal)))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
