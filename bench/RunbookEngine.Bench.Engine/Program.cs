using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using RunbookEngine.Activities;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Process;
using RunbookEngine.Execution.Engine;
using RunbookEngine.Execution.States;
using RunbookEngine.Journal;
using RunbookEngine.Loading;
using RunbookEngine.Model;
using RunbookEngine.Parameters;
using RunbookEngine.Runs;
using RunbookEngine.Syntax;

namespace RunbookEngine.Bench.Engine;

/// <summary>
/// Engine overhead per step, in one process and one directory (so one disk); see docs/benchmarks.md.
/// <list type="bullet">
/// <item>A: a runbook of N flow.log steps (each step: StepStarted and StepSucceeded, each written and fdatasync'ed by
/// JournalWriter) against bare appends of a 150-byte line, each followed by fdatasync.</item>
/// <item>B: a runbook of N exec steps running /bin/true against bash forking and executing /bin/true.</item>
/// </list>
/// The baselines run interleaved with the engine run they are compared with: after each step's StepSucceeded the
/// harness stops the engine's clock, does one baseline operation, and starts the clock again. So baseline and engine
/// see the same disk and CPU conditions, which matters on a shared machine. Everything is warmed up once (a quarter of
/// the size) and repeated; medians are reported. Variants without fdatasync show where the time goes.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: [--steps N (2000)] [--spawns N (300)] [--repeat R (3)] [--dir DIRECTORY (a new folder under $TMPDIR)] [--keep]");
            return 2;
        }

        var root = Path.GetFullPath(options.Directory ?? Path.Combine(Path.GetTempPath(), "runbook-bench-" + Guid.NewGuid().ToString("N")[..8]));
        var created = !Directory.Exists(root);
        Directory.CreateDirectory(root);
        try
        {
            await new Bench(root).RunAsync(options);
        }
        finally
        {
            if (!options.Keep && created)
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return 0;
    }
}

internal sealed record BenchOptions(int Steps, int Spawns, int Repeat, string? Directory, bool Keep)
{
    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(2000, 300, 3, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Count() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} needs a positive number");
            try
            {
                o = name switch
                {
                    "--steps" => o with { Steps = Count() },
                    "--spawns" => o with { Spawns = Count() },
                    "--repeat" => o with { Repeat = Count() },
                    "--dir" => o with { Directory = Next() },
                    "--keep" => o with { Keep = true },
                    _ => null,
                };
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return null;
            }

            if (o is null)
            {
                return null;
            }
        }

        return o;
    }
}

/// <param name="Wall">µs per operation.</param>
/// <param name="Sync">µs per operation spent inside fdatasync (0: not measured, or not synced).</param>
/// <param name="Cpu">µs of this process's CPU per operation (0: not measured).</param>
internal sealed record Result(double Wall, double Sync = 0, double Cpu = 0);

internal sealed class Bench(string root)
{
    /// <summary>About the size of the engine's StepStarted/StepSucceeded lines (≈130 bytes), rounded up.</summary>
    public const int BareLineLength = 150;

    private const string NoOp = "noop";
    private const string Exec = "exec";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Id, string What)[] Rows =
    [
        ("A0", "bare append: write 150 B + fdatasync (interleaved with A1)"),
        ("A1", "engine: flow.log step, journal fdatasync'ed (2 records, group-committed: 1 sync)"),
        ("A2", "engine: flow.log step, journal written but NOT synced (a run of its own)"),
        ("A3", "bare append without fdatasync (a loop of its own)"),
        ("B0", "bash: fork+exec of /bin/true, timed inside bash (interleaved with B1)"),
        ("B1", "engine: exec [/bin/true] step, journal fdatasync'ed"),
        ("B2", "exec's spawn alone: ProcessRun of /bin/true (posix_spawn + poll), no engine (interleaved with B1)"),
        ("B3", "the same through System.Diagnostics.Process (ProcessRun's path off Linux; interleaved with B1)"),
    ];

    private readonly ActivityCatalog _catalog = new(BuiltInActivities.Create());
    private readonly Dictionary<string, List<Result>> _results = Rows.ToDictionary(r => r.Id, _ => new List<Result>(), StringComparer.Ordinal);
    private double _recordsPerStep;
    private double _syncsPerStep;
    private double _execSyncsPerStep;
    private double _bytesPerRecord;

    public async Task RunAsync(BenchOptions options)
    {
        Console.WriteLine($"date:      {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv)}");
        Console.WriteLine($"machine:   {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var (fileSystem, mount) = Mounts.Describe(root);
        Console.WriteLine($"directory: {root} ({fileSystem} on {mount})");
        if (fileSystem is "tmpfs" or "ramfs")
        {
            Console.WriteLine($"WARNING:   {fileSystem} keeps files in memory and fdatasync does nothing there; pass --dir on the disk that holds the state directory");
        }

        Console.WriteLine($"sizes:     runbooks of {options.Steps} flow.log steps and of {options.Spawns} exec steps; warm-up at a quarter; {options.Repeat} repetitions, medians");
        Console.WriteLine($"load:      {LoadAverage()} (1, 5, 15 min) at the start");

        await Console.Error.WriteLineAsync("warming up");
        await RoundAsync(Math.Max(1, options.Steps / 4), Math.Max(1, options.Spawns / 4), keep: false);
        for (var r = 1; r <= options.Repeat; r++)
        {
            await Console.Error.WriteLineAsync($"repetition {r} of {options.Repeat}");
            await RoundAsync(options.Steps, options.Spawns, keep: true);
        }

        Console.WriteLine($"load:      {LoadAverage()} (1, 5, 15 min) at the end");
        Console.WriteLine();
        Report(options);
    }

    private async Task RoundAsync(int steps, int spawns, bool keep)
    {
        var found = new Dictionary<string, Result>(StringComparer.Ordinal);

        using (var bare = new BareAppender(Path.Combine(root, "bare-synced.jsonl"), sync: true))
        {
            var run = await RunEngineAsync(NoOp, steps, sync: true, between: () => { bare.Append(); return Task.CompletedTask; });
            found["A1"] = run.Result;
            found["A0"] = bare.Result;
            _recordsPerStep = run.RecordsPerStep;
            _syncsPerStep = run.SyncsPerStep;
            _bytesPerRecord = run.BytesPerRecord;
        }

        using (var bare = new BareAppender(Path.Combine(root, "bare-unsynced.jsonl"), sync: false))
        {
            for (var i = 0; i < steps; i++)
            {
                bare.Append();
            }

            found["A3"] = bare.Result;
        }

        found["A2"] = (await RunEngineAsync(NoOp, steps, sync: false, between: null)).Result;

        await using (var bash = BashSpawner.Start())
        {
            var native = new DotnetSpawner(root, process: false);
            var process = new DotnetSpawner(root, process: true);
            var turn = 0;
            var execRun = await RunEngineAsync(Exec, spawns, sync: true, between: async () =>
            {
                // Rotate which goes first, so none always runs right after the engine's step.
                Func<Task>[] baselines = [bash.SpawnAsync, native.SpawnAsync, process.SpawnAsync];
                turn++;
                for (var i = 0; i < baselines.Length; i++)
                {
                    await baselines[(turn + i) % baselines.Length]();
                }
            });
            found["B1"] = execRun.Result;
            _execSyncsPerStep = execRun.SyncsPerStep;
            found["B0"] = bash.Result;
            found["B2"] = native.Result;
            found["B3"] = process.Result;
        }

        if (keep)
        {
            foreach (var (id, result) in found)
            {
                _results[id].Add(result);
            }
        }
    }

    /// <summary>
    /// A run folder created as 'runbook run' creates it, then RunEngine with JournalRecorder on it, timed from just
    /// before the first StepStarted to just after the last StepSucceeded, less the time spent in
    /// <paramref name="between"/>. The journal's sync is FileSync.Instance (or nothing) behind a pass-through that
    /// adds up the time spent in it.
    /// </summary>
    private async Task<EngineRun> RunEngineAsync(string kind, int n, bool sync, Func<Task>? between)
    {
        var runbook = Runbook(kind, n);
        var parameters = ParameterBinder.Bind(runbook, [], null).Parameters!;
        var timedSync = new TimedSync(sync ? FileSync.Instance : null);
        var store = new RunStore(Path.Combine(root, "state"), TimeProvider.System, timedSync);
        using var session = store.CreateRun(NewRun.From(runbook, parameters));
        var window = new StepWindow(new JournalRecorder(session.Journal), timedSync, between);
        var engine = new RunEngine(_catalog, null, window, new Approve(), NullActivityLog.Instance, TimeProvider.System);
        var options = new RunOptions { RunId = session.Id, WorkingDirectory = root, StartedAt = TimeProvider.System.GetUtcNow() };
        var seq0 = session.Journal.LastSeq;
        var syncs0 = timedSync.Count;
        var bytes0 = new FileInfo(session.Journal.Path).Length;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var outcome = await engine.RunAsync(runbook, parameters.AsDictionary(), options, null, CancellationToken.None);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        if (outcome.State != RunState.Succeeded)
        {
            throw new InvalidOperationException($"the bench run did not succeed: {outcome.State} at {outcome.FailedStep}: {outcome.Message}");
        }

        var records = session.Journal.LastSeq - seq0;
        var syncs = timedSync.Count - syncs0;
        var bytes = new FileInfo(session.Journal.Path).Length - bytes0;
        // With an interleaved baseline, CPU would include the baseline's; it is reported only for runs without one.
        var result = new Result(Micros(window.EngineTicks) / n, Micros(window.SyncTicks) / n, between is null ? cpu.TotalMicroseconds / n : 0);
        // RunStarted and RunSucceeded are per run: two records and two syncs that are not any step's.
        return new EngineRun(result, (double)(records - 2) / n, (double)(syncs - 2) / n, (double)bytes / records);
    }

    private void Report(BenchOptions options)
    {
        double Median(string id, Func<Result, double> field) => MedianOf(_results[id].Select(field));

        double W(string id) => Median(id, r => r.Wall);
        double S(string id) => Median(id, r => r.Sync);
        double Rest(string id) => Median(id, r => r.Wall - r.Sync);
        string Dash(double value) => value > 0 ? F(value) : "–";

        Console.WriteLine("| id | what | n per run | per op [µs], median | each run [µs] | in fdatasync per op [µs] | own CPU per op [µs] |");
        Console.WriteLine("|:---|:---|---:|---:|:---|---:|---:|");
        foreach (var (id, what) in Rows)
        {
            var n = id.StartsWith('A') ? options.Steps : options.Spawns;
            Console.WriteLine($"| {id} | {what} | {n} | {F(W(id))} | {string.Join(" / ", _results[id].Select(r => F(r.Wall)))} | {Dash(S(id))} | {Dash(Median(id, r => r.Cpu))} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Journal records per no-op step: {F(_recordsPerStep, 2)} (StepStarted, StepSucceeded), {F(_bytesPerRecord, 0)} bytes each on average;");
        Console.WriteLine($"fdatasyncs per no-op step: {F(_syncsPerStep, 2)}, per exec step: {F(_execSyncsPerStep, 2)} (StepSucceeded is group-committed with the next StepStarted).");
        Console.WriteLine("Engine times: first StepStarted to last StepSucceeded, less the interleaved baseline (RunStarted/RunSucceeded are per run).");
        Console.WriteLine();

        // Each repetition's engine run and its interleaved baseline saw the same conditions: the ratio is taken per
        // repetition, then the median of those.
        List<double> Ratios(string engine, string baseline, double factor) =>
            _results[engine].Zip(_results[baseline], (e, b) => e.Wall / (factor * b.Wall)).ToList();
        string Line(List<double> ratios) =>
            $"{F(MedianOf(ratios), 2)}x  (each repetition: {string.Join(" ", ratios.Select(r => F(r, 2)))})";
        var perStep = Ratios("A1", "A0", 1);
        var spawn = Ratios("B1", "B0", 1);
        Console.WriteLine("Ratios: engine / baseline of the same repetition, median over the repetitions");
        Console.WriteLine($"  A   no-op step / one bare fdatasync'ed append: {Line(perStep)}  target <= 2x: {(MedianOf(perStep) <= 2 ? "met" : "NOT met")}");
        Console.WriteLine($"  B   exec step / bash spawn of /bin/true:        {Line(spawn)}  target <= 1.2x: {(MedianOf(spawn) <= 1.2 ? "met" : "NOT met")}");
        Console.WriteLine();
        Console.WriteLine("Where the time goes (medians, µs)");
        Console.WriteLine($"  A1  no-op step: {F(S("A1"))} in the journal's fdatasync ({F(_syncsPerStep, 2)} per step) + {F(Rest("A1"))} everything else");
        Console.WriteLine($"  A0  bare append: {F(S("A0"))} in fdatasync + {F(Rest("A0"))} the write");
        Console.WriteLine($"  A2  no-op step with nothing synced, back to back: {F(W("A2"))} ({F(Median("A2", r => r.Cpu))} CPU); A3 bare write alone {F(W("A3"))}");
        Console.WriteLine($"  B1  exec step: {F(S("B1"))} in fdatasync + {F(Rest("B1"))} everything else, of which the spawn itself is ~{F(W("B2"))} (B2)");
        Console.WriteLine($"  B2  spawning /bin/true: exec's posix_spawn path {F(W("B2"))} vs bash {F(W("B0"))} = {F(W("B2") / W("B0"), 2)}x; through Process (B3) {F(W("B3"))} = {F(W("B3") / W("B0"), 2)}x");
        Console.WriteLine($"      exec step less its syncs / bash spawn: {Line(_results["B1"].Zip(_results["B0"], (e, b) => (e.Wall - e.Sync) / b.Wall).ToList())}");
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string F(double value, int decimals = 1) => value.ToString("F" + decimals, Inv);

    private static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private Runbook Runbook(string kind, int n)
    {
        var yaml = new StringBuilder();
        yaml.Append(Inv, $"""
            apiVersion: runbook/v1
            kind: Runbook
            metadata:
              name: bench/{kind}-{n}
              version: 1.0.0
              title: {n} {kind} steps, for bench/RunbookEngine.Bench.Engine
            steps:

            """);
        for (var i = 1; i <= n; i++)
        {
            yaml.Append(Inv, $"  - id: step-{i}\n");
            yaml.Append(kind == NoOp
                ? "    uses: flow.log\n    with: { message: no-op }\n"
                : "    uses: exec\n    with: { command: [/bin/true] }\n");
        }

        var loaded = new RunbookLoader(_catalog, null).Load(new SourceText($"bench-{kind}-{n}.yaml", yaml.ToString()));
        return loaded.Runbook
            ?? throw new InvalidOperationException("the bench runbook does not load: " + string.Join("; ", loaded.Diagnostics.Select(d => d.Message)));
    }

    private sealed record EngineRun(Result Result, double RecordsPerStep, double SyncsPerStep, double BytesPerRecord);

    private sealed class Approve : IApprovalGate
    {
        public Task<ApprovalDecision> RequestAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ApprovalDecision(ApprovalOutcome.Approved, "bench"));
    }

    /// <summary>FileSync.Instance (or, for the "NOT synced" variants, no sync at all), adding up the time spent in it.</summary>
    private sealed class TimedSync(FileSync? inner) : IFileSync
    {
        private long _ticks;
        private long _count;

        /// <summary>Time spent in fdatasync. Thread-safe: the journal's group-commit timer may sync from a pool thread.</summary>
        public long Ticks => Interlocked.Read(ref _ticks);

        /// <summary>Data syncs asked for, also when nothing is synced for real.</summary>
        public long Count => Interlocked.Read(ref _count);

        public void SyncData(FileStream file)
        {
            Interlocked.Increment(ref _count);
            if (inner is null)
            {
                return;
            }

            var t = Stopwatch.GetTimestamp();
            inner.SyncData(file);
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - t);
        }

        public void SyncDirectory(string directory) => inner?.SyncDirectory(directory);
    }

    /// <summary>
    /// Passes every call on to the journal. Clocks the steps from the first StepStarted to the last StepSucceeded and,
    /// after each StepSucceeded, runs the interleaved baseline with the clock stopped.
    /// </summary>
    private sealed class StepWindow(IRunRecorder inner, TimedSync sync, Func<Task>? between) : IRunRecorder
    {
        private long _start;
        private long _engine;
        private long _syncAtStart;
        private long _sync;

        public long EngineTicks => _engine;

        public long SyncTicks => _sync;

        public Task StepStartedAsync(string stepPath, int? item, int attempt, CancellationToken cancellationToken)
        {
            if (_start == 0)
            {
                Resume();
            }

            return inner.StepStartedAsync(stepPath, item, attempt, cancellationToken);
        }

        public async Task StepSucceededAsync(string stepPath, int? item, object? outputs, CancellationToken cancellationToken)
        {
            await inner.StepSucceededAsync(stepPath, item, outputs, cancellationToken);
            _engine += Stopwatch.GetTimestamp() - _start;
            _sync += sync.Ticks - _syncAtStart;
            if (between is not null)
            {
                await between();
            }

            Resume();
        }

        public Task RunStartedAsync(bool resumed, CancellationToken cancellationToken) => inner.RunStartedAsync(resumed, cancellationToken);

        public Task RunPausedAsync(string reason, CancellationToken cancellationToken) => inner.RunPausedAsync(reason, cancellationToken);

        public Task RunSucceededAsync(CancellationToken cancellationToken) => inner.RunSucceededAsync(cancellationToken);

        public Task RunFailedAsync(string stepPath, string message, CancellationToken cancellationToken) => inner.RunFailedAsync(stepPath, message, cancellationToken);

        public Task StepFailedAsync(string stepPath, int? item, string errorType, string message, bool retryable, CancellationToken cancellationToken) =>
            inner.StepFailedAsync(stepPath, item, errorType, message, retryable, cancellationToken);

        public Task StepSkippedAsync(string stepPath, int? item, string reason, CancellationToken cancellationToken) => inner.StepSkippedAsync(stepPath, item, reason, cancellationToken);

        public Task RetryScheduledAsync(string stepPath, int? item, int nextAttempt, TimeSpan delay, CancellationToken cancellationToken) =>
            inner.RetryScheduledAsync(stepPath, item, nextAttempt, delay, cancellationToken);

        public Task ApprovalRequestedAsync(string stepPath, string message, string planHash, CancellationToken cancellationToken) =>
            inner.ApprovalRequestedAsync(stepPath, message, planHash, cancellationToken);

        public Task ApprovalGrantedAsync(string stepPath, string by, string planHash, CancellationToken cancellationToken) =>
            inner.ApprovalGrantedAsync(stepPath, by, planHash, cancellationToken);

        public Task InDoubtResolvedAsync(string stepPath, int? item, InDoubtPolicy decision, string by, CancellationToken cancellationToken) =>
            inner.InDoubtResolvedAsync(stepPath, item, decision, by, cancellationToken);

        private void Resume()
        {
            _syncAtStart = sync.Ticks;
            _start = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>The baseline for A: what JournalWriter does at the least (unbuffered FileStream, write, fdatasync), and nothing else.</summary>
    private sealed class BareAppender(string path, bool sync) : IDisposable
    {
        private readonly FileStream _file = new(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        private readonly byte[] _line = Encoding.UTF8.GetBytes(new string('x', BareLineLength - 1) + "\n");
        private long _ticks;
        private long _syncTicks;
        private int _count;

        public Result Result => new(Micros(_ticks) / _count, Micros(_syncTicks) / _count);

        public void Append()
        {
            var t0 = Stopwatch.GetTimestamp();
            _file.Write(_line);
            if (sync)
            {
                var t1 = Stopwatch.GetTimestamp();
                if (Native.fdatasync(_file.SafeFileHandle) != 0)
                {
                    throw new IOException($"fdatasync({path}) failed: errno {Marshal.GetLastPInvokeError()}");
                }

                _syncTicks += Stopwatch.GetTimestamp() - t1;
            }

            _ticks += Stopwatch.GetTimestamp() - t0;
            _count++;
        }

        public void Dispose()
        {
            _file.Dispose();
            File.Delete(path);
        }
    }

    /// <summary>
    /// The baseline for B: one long-lived bash, fed one line per spawn on stdin; it forks and executes /bin/true (the
    /// program, not the builtin) between two reads of $EPOCHREALTIME, so only the spawn is timed, as in a bash loop.
    /// </summary>
    private sealed class BashSpawner : IAsyncDisposable
    {
        private const string Line = "s=$EPOCHREALTIME; /bin/true; e=$EPOCHREALTIME; echo \"$s $e\"";
        private readonly Process _bash;
        private decimal _seconds;
        private int _count;

        private BashSpawner(Process bash) => _bash = bash;

        public Result Result => new((double)(_seconds * 1_000_000m) / _count);

        public static BashSpawner Start()
        {
            var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
            return new BashSpawner(Process.Start(info)!);
        }

        public async Task SpawnAsync()
        {
            await _bash.StandardInput.WriteLineAsync(Line);
            await _bash.StandardInput.FlushAsync();
            var reply = await _bash.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("bash stopped");
            var times = reply.Split(' ');
            _seconds += decimal.Parse(times[1], Inv) - decimal.Parse(times[0], Inv);
            _count++;
        }

        public async ValueTask DisposeAsync()
        {
            _bash.StandardInput.Close();
            await _bash.WaitForExitAsync();
            _bash.Dispose();
        }
    }

    /// <summary>
    /// What exec does to start and wait for /bin/true, without the engine, journal and logging: ProcessRun itself
    /// (posix_spawn and one poll loop on Linux), or, with <paramref name="process"/>, the System.Diagnostics.Process
    /// path that ProcessRun takes elsewhere (three pipes, async reads, WaitForExitAsync).
    /// </summary>
    private sealed class DotnetSpawner(string directory, bool process)
    {
        private readonly RunbookEngine.Activities.Context.ActivityContext _context = new() { RunId = "bench", StepPath = "spawn", WorkingDirectory = directory };
        private long _ticks;
        private int _count;

        public Result Result => new(Micros(_ticks) / _count);

        public async Task SpawnAsync()
        {
            var t0 = Stopwatch.GetTimestamp();
            var spec = new ProcessSpec("exec", ["/bin/true"], directory, null, null, null, "/bin/true");
            var output = await ProcessRun.RunAsync(spec, _context, allowNative: !process, CancellationToken.None);
            if (output.ExitCode != 0)
            {
                throw new InvalidOperationException($"/bin/true exited with {output.ExitCode}");
            }

            _ticks += Stopwatch.GetTimestamp() - t0;
            _count++;
        }
    }
}

internal static class Native
{
#pragma warning disable SYSLIB1054 // DllImport, as the journal's LibC does
    [DllImport("libc", SetLastError = true)]
    public static extern int fdatasync(SafeFileHandle fd);
#pragma warning restore SYSLIB1054
}

internal static class Mounts
{
    /// <summary>The file system type and device a directory is on, from /proc/self/mounts (the longest mount point that is a prefix).</summary>
    public static (string Type, string Where) Describe(string directory)
    {
        try
        {
            var best = (Point: string.Empty, Type: "unknown file system", Where: "?");
            foreach (var line in File.ReadLines("/proc/self/mounts"))
            {
                var f = line.Split(' ');
                if (f.Length >= 3 && IsUnder(directory, f[1]) && f[1].Length > best.Point.Length)
                {
                    best = (f[1], f[2], $"{f[0]}, mounted at {f[1]}");
                }
            }

            return (best.Type, best.Where);
        }
        catch (IOException)
        {
            return ("unknown file system", "?");
        }
    }

    private static bool IsUnder(string path, string mountPoint) =>
        mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint + "/", StringComparison.Ordinal);
}
