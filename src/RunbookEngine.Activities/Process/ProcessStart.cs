using System.ComponentModel;
using System.Globalization;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// Starts a long-running program (a database node) in the background and records it in a pid file. Idempotent: when
/// the pid file names a live process started with the same argv, the step succeeds without starting a second one,
/// so a resumed run or a re-run step never doubles a node.
/// </summary>
internal sealed class ProcessStart : Activity<ProcessStart.Input, ProcessStart.Output>
{
    public const string StartFailed = "process.start-failed";
    public const string Exited = "process.exited";
    public const string PidFileInUse = "process.pid-file-in-use";

    private const int LogTail = 500;
    private static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(1);

    public override string Name => "process.start";

    public override string Description =>
        "Starts a long-running program detached (own session, stdin from /dev/null, output to a log file) and records its pid, argv and log in a pid file; does nothing if that pid file shows the same command still running.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = Target.Of(input, context);
        if (target.Running(context) is { } running)
        {
            context.Log.Info("{Command} is already running as process {ProcessId}; not starting another", target.Display, running.Pid);
            return target.Outputs(running.Pid, running.LogFile ?? target.LogPath, alreadyRunning: true, context);
        }

        if (!CommandLine.CanFind(target.Argv[0], target.Directory))
        {
            throw new ActivityFailure(StartFailed, context.Redactor.Redact($"could not start {target.Display}: program '{input.Command[0]}' was not found"), retryable: false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target.LogPath)!);
        var (pid, ownSession) = await Daemon.StartAsync(target.Argv, target.Directory, input.Environment, target.LogPath, target.Display, context, cancellationToken).ConfigureAwait(false);

        // Recorded at once: if the engine dies during the settle wait, a resume still finds the process.
        PidFile.Write(target.PidPath, new PidRecord
        {
            Pid = pid,
            StartTime = ProcessTable.Find(pid)?.StartTime,
            OwnProcessGroup = ownSession,
            ArgvSha256 = PidRecord.Hash(target.Argv),
            Command = context.Redactor.Redact(target.Argv),
            LogFile = target.LogPath,
            StartedAt = context.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        });
        context.Log.Info("Started {Command} as process {ProcessId}; output goes to {LogFile}", target.Display, pid, context.Redactor.Redact(target.LogPath));
        if (!ownSession)
        {
            context.Log.Warning("setsid is not installed: process {ProcessId} shares the engine's session and may get its Ctrl-C", pid);
        }

        await Task.Delay(input.Settle ?? DefaultSettle, context.TimeProvider, cancellationToken).ConfigureAwait(false);
        if (PidFile.Read(target.PidPath, target.PidFileDisplay)?.Live() is null)
        {
            PidFile.Delete(target.PidPath);

            // Retryable: a node that died at once often lost a race (a port still in TIME_WAIT, a lock being released).
            throw new ActivityFailure(Exited, $"{target.Display} exited within {Durations.Format(input.Settle ?? DefaultSettle)} of starting{Tail(target.LogPath, context)}", retryable: true);
        }

        return target.Outputs(pid, target.LogPath, alreadyRunning: false, context);
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = Target.Of(input, context);
        var redact = context.Redactor;
        var risks = new List<PlanRisk>();
        PidRecord? running = null;
        try
        {
            running = target.Running(context);
        }
        catch (ActivityFailure failure)
        {
            risks.Add(new PlanRisk(failure.Message + "; the step will fail", RiskSeverity.High));
        }

        if (running is not null)
        {
            return Task.FromResult(new ActivityPlan
            {
                Summary = $"{target.Display} is already running as process {running.Pid}; nothing to start",
                Effects = [new PlannedEffect(EffectKind.Read, target.PidFileDisplay, $"names process {running.Pid}")],
            });
        }

        if (!CommandLine.CanFind(target.Argv[0], target.Directory))
        {
            risks.Add(new PlanRisk(redact.Redact($"program '{input.Command[0]}' was not found; the step will fail"), RiskSeverity.High));
        }

        var environment = input.Environment is { Count: > 0 } env ? "; with " + string.Join(", ", env.Keys.Order(StringComparer.Ordinal).Select(redact.Redact)) : string.Empty;
        return Task.FromResult(new ActivityPlan
        {
            Summary = $"start {target.Display} in the background",
            Effects =
            [
                new PlannedEffect(EffectKind.Exec, redact.Redact(target.Argv[0]), $"{target.Display} (detached, in {redact.Redact(target.Directory)}{environment})"),
                new PlannedEffect(EffectKind.Write, target.PidFileDisplay, "pid file"),
                new PlannedEffect(EffectKind.Write, redact.Redact(target.LogPath), "log (appended)"),
            ],
            Risks = risks,
        });
    }

    private static string Tail(string logFile, ActivityContext context)
    {
        try
        {
            var text = context.Redactor.Redact(File.ReadAllText(logFile)).TrimEnd();
            return text.Length == 0 ? "; its log is empty" : ": " + (text.Length > LogTail ? "…" + text[^LogTail..] : text);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>The resolved argv and files of one call, and what the pid file says about them.</summary>
    private sealed record Target(IReadOnlyList<string> Argv, string Directory, string PidPath, string LogPath, string Display, string PidFileDisplay)
    {
        public static Target Of(Input input, ActivityContext context)
        {
            if (input.Command.Count == 0 || input.Command[0].Length == 0)
            {
                throw new ActivityInputException("command", "a list: the program, then its arguments", "input 'command' must name a program first");
            }

            var directory = context.ResolvePath(input.WorkingDirectory ?? ".");
            var program = input.Command[0].Contains('/', StringComparison.Ordinal) ? Path.GetFullPath(input.Command[0], directory) : input.Command[0];
            var pidFile = context.ResolvePath(input.PidFile);
            var logFile = context.ResolvePath(input.LogFile ?? Path.ChangeExtension(pidFile, ".log"));
            if (logFile == pidFile)
            {
                throw new ActivityInputException("logFile", "a path other than the pid file", "input 'logFile' must not be the pid file");
            }

            IReadOnlyList<string> argv = [program, .. input.Command.Skip(1)];
            return new Target(argv, directory, pidFile, logFile, context.Redactor.Redact(CommandLine.Display(argv)), context.Redactor.Redact(pidFile));
        }

        /// <summary>The pid file's record when it names a live process with this argv; throws when it names a different live one.</summary>
        public PidRecord? Running(ActivityContext context)
        {
            if (PidFile.Read(PidPath, PidFileDisplay) is not { } record || record.Live() is not { } live)
            {
                return null;
            }

            var same = record.ArgvSha256 is { } hash ? hash == PidRecord.Hash(Argv) : live.Argv.SequenceEqual(Argv, StringComparer.Ordinal);
            return same
                ? record
                : throw new ActivityFailure(PidFileInUse, context.Redactor.Redact(
                    $"pid file {PidFileDisplay} names running process {live.Pid} ({Shorten(live.CommandLine)}), started with a different command; stop it first (process.stop) or use another pid file"),
                    retryable: false);
        }

        public Output Outputs(int pid, string logFile, bool alreadyRunning, ActivityContext context) => new()
        {
            Pid = pid,
            Command = context.Redactor.Redact(Argv),
            PidFile = PidFileDisplay,
            LogFile = context.Redactor.Redact(logFile),
            AlreadyRunning = alreadyRunning,
        };

        private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
    }

    internal sealed record Input
    {
        [Description("Program and arguments, one list item each; no shell parsing is applied.")]
        public required IReadOnlyList<string> Command { get; init; }

        [Description("Where to record the process (JSON: pid, start time, argv hash, log file); process.stop and process.assert-not-running read it.")]
        public required string PidFile { get; init; }

        [Description("File that receives the program's stdout and stderr, appended (default: the pid file with extension .log).")]
        public string? LogFile { get; init; }

        [Description("Working directory of the process.")]
        public string? WorkingDirectory { get; init; }

        [Description("Extra environment variables.")]
        public IReadOnlyDictionary<string, string>? Environment { get; init; }

        [Description("How long the process must stay up after starting for the step to succeed (default 1s).")]
        public TimeSpan? Settle { get; init; }
    }

    internal sealed record Output
    {
        [Description("Process id of the started (or already running) program.")]
        public int Pid { get; init; }

        [Description("The argv that was started (secrets redacted).")]
        public IReadOnlyList<string> Command { get; init; } = [];

        [Description("The pid file written (or found).")]
        public string PidFile { get; init; } = string.Empty;

        [Description("The log file that receives the program's output.")]
        public string LogFile { get; init; } = string.Empty;

        [Description("True when the pid file showed the same command already running and nothing was started.")]
        public bool AlreadyRunning { get; init; }
    }
}
