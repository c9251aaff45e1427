using System.ComponentModel;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Process;

/// <summary>
/// Stops a process politely, then firmly: SIGTERM, a wait on the context clock, SIGKILL. A process that is already
/// gone is success, so the step can run again after a crash. A process started by process.start leads its own
/// session, so its whole process group is signalled and helpers it spawned go with it.
/// </summary>
internal sealed class ProcessStop : Activity<ProcessStop.Input, ProcessStop.Output>
{
    public const string PermissionDenied = "process.permission-denied";
    public const string StillRunning = "process.stop-failed";
    public const string Refused = "process.refused";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public override string Name => "process.stop";

    public override string Description =>
        "Stops a process given by pid file or pid: SIGTERM, then SIGKILL if it is still running after the timeout; succeeds if it is already gone.";

    public override ActivityTraits Traits => ActivityTraits.Idempotent;

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = ProcessTarget.Of(input.PidFile, input.Pid, context);
        var timeout = input.Timeout ?? DefaultTimeout;
        if (target.Live() is not { } live)
        {
            context.Log.Info("{Target} names no running process; nothing to stop", target.Description);
            RemovePidFile(target, input);
            return new Output { Pid = target.Record?.Pid ?? 0 };
        }

        if (ProcessTable.SelfAndAncestors().Contains(live.Pid))
        {
            throw new ActivityFailure(Refused, $"{target.Description} names process {live.Pid}, which runs this engine; refusing to stop it", retryable: false);
        }

        var group = target.Record!.OwnProcessGroup && live.ProcessGroup == live.Pid;
        var shown = ProcessTarget.Show(live, context.Redactor);
        context.Log.Info("Sending SIGTERM to process {ProcessId} ({Command})", live.Pid, shown);
        if (!Signals.Send(live.Pid, Signals.Term, group) && target.Live() is not null)
        {
            throw new ActivityFailure(PermissionDenied, $"not allowed to signal process {live.Pid} ({shown}); run the engine as its owner or as root", retryable: false);
        }

        var forced = false;
        if (!await GoneWithinAsync(target, timeout, context, cancellationToken).ConfigureAwait(false))
        {
            context.Log.Warning("Process {ProcessId} is still running {Timeout} after SIGTERM; sending SIGKILL", live.Pid, Durations.Format(timeout));
            Signals.Send(live.Pid, Signals.Kill, group);
            forced = true;
            if (!await GoneWithinAsync(target, AfterKill, context, cancellationToken).ConfigureAwait(false))
            {
                // Retryable: a process stuck in uninterruptible I/O can still go away.
                throw new ActivityFailure(StillRunning, $"process {live.Pid} ({shown}) is still running {Durations.Format(AfterKill)} after SIGKILL", retryable: true);
            }
        }

        context.Log.Info("Process {ProcessId} has stopped", live.Pid);
        RemovePidFile(target, input);
        return new Output { Pid = live.Pid, WasRunning = true, Killed = forced };
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = ProcessTarget.Of(input.PidFile, input.Pid, context);
        var removes = target.PidPath is not null && input.RemovePidFile && File.Exists(target.PidPath)
            ? new[] { new PlannedEffect(EffectKind.Delete, target.PidPathDisplay!, "pid file") }
            : [];
        if (target.Live() is not { } live)
        {
            var why = target.Record is null ? $"there is no {target.Description}" : $"{target.Description} names no running process";
            return Task.FromResult(new ActivityPlan { Summary = $"nothing to stop: {why}", Effects = removes });
        }

        var timeout = Durations.Format(input.Timeout ?? DefaultTimeout);
        return Task.FromResult(new ActivityPlan
        {
            Summary = $"stop process {live.Pid} ({ProcessTarget.Show(live, context.Redactor)})",
            Effects = [new PlannedEffect(EffectKind.Exec, $"process {live.Pid}", $"SIGTERM, then SIGKILL if still running after {timeout}"), .. removes],
        });
    }

    private static async Task<bool> GoneWithinAsync(ProcessTarget target, TimeSpan limit, ActivityContext context, CancellationToken cancellationToken)
    {
        var time = context.TimeProvider;
        var started = time.GetTimestamp();
        while (target.Live() is not null)
        {
            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(remaining < PollInterval ? remaining : PollInterval, time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static void RemovePidFile(ProcessTarget target, Input input)
    {
        if (target.PidPath is { } path && input.RemovePidFile)
        {
            PidFile.Delete(path);
        }
    }

    internal sealed record Input
    {
        [Description("Pid file to read (written by process.start, or a bare pid written by the program itself). Give this or pid.")]
        public string? PidFile { get; init; }

        [Description("Process id to stop. Give this or pidFile.")]
        public int? Pid { get; init; }

        [Description("How long to wait after SIGTERM before sending SIGKILL (default 30s).")]
        public TimeSpan? Timeout { get; init; }

        [Description("Delete the pid file once the process is gone (default true).")]
        public bool RemovePidFile { get; init; } = true;
    }

    internal sealed record Output
    {
        [Description("The process id that was stopped (or named by the pid file); 0 when there was none.")]
        public int Pid { get; init; }

        [Description("Whether the process was running when the step began.")]
        public bool WasRunning { get; init; }

        [Description("Whether SIGTERM was not enough and SIGKILL was sent.")]
        public bool Killed { get; init; }
    }
}
