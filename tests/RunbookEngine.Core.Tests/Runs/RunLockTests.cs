using System.Diagnostics;
using RunbookEngine.Activities.Context;
using RunbookEngine.Core.Tests.Support;
using RunbookEngine.Runs;

namespace RunbookEngine.Core.Tests.Runs;

public sealed class RunLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();

    public RunLockTests()
    {
        RunFolder = Path.Combine(_dir.Path, "20261121-032812-7f3a9c");
        Directory.CreateDirectory(RunFolder);
    }

    public void Dispose() => _dir.Dispose();

    private string RunFolder { get; }

    private string LockFile => Path.Combine(RunFolder, "lock");

    [Fact]
    public void A_second_handle_in_the_same_process_is_refused_and_told_who_holds_the_run()
    {
        using var held = RunLock.Acquire(RunFolder, _time);

        var error = Should.Throw<RunLockedException>(() => RunLock.Acquire(RunFolder, _time));

        error.Code.ShouldBe("RB0912");
        error.RunId.ShouldBe("20261121-032812-7f3a9c");
        error.Holder.ShouldBe(new RunLockHolder(Environment.ProcessId, Environment.MachineName, _time.GetUtcNow()) { StartTicks = ProgramIdentity.Of(Environment.ProcessId)!.StartTicks });
        error.Message.ShouldContain($"process {Environment.ProcessId} on host {Environment.MachineName} (since 2026-11-21T03:28:12Z)");
        error.Message.ShouldContain($"ps -o pid,etime,args -p {Environment.ProcessId}");
    }

    [Fact]
    public void Released_on_dispose()
    {
        RunLock.Acquire(RunFolder, _time).Dispose();

        File.ReadAllBytes(LockFile).ShouldBeEmpty();
        using var again = RunLock.Acquire(RunFolder, _time);
        again.Holder.ProcessId.ShouldBe(Environment.ProcessId);
    }

    [Fact]
    public void A_lock_file_left_by_a_dead_process_does_not_block()
    {
        File.WriteAllText(LockFile, """{"pid":999999,"host":"gone","since":"2026-01-01T00:00:00Z"}""");

        using var acquired = RunLock.Acquire(RunFolder, _time);

        acquired.Holder.ProcessId.ShouldBe(Environment.ProcessId);
        RunLockHolder.TryRead(LockFile).ShouldBe(acquired.Holder);
    }

    [Fact]
    public void Another_process_holding_the_lock_blocks_until_it_is_killed()
    {
        var flock = new[] { "/usr/bin/flock", "/bin/flock" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("this test needs flock(1) from util-linux to hold the lock from another process");
        File.WriteAllBytes(LockFile, []);

        // --close: flock itself holds the lock and its child does not, so once flock has exited the lock is free.
        // The child waits on stdin, which stays open until the kill: no sleeps, no timing.
        var start = new ProcessStartInfo(flock) { RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "--exclusive", "--nonblock", "--close", LockFile, "sh", "-c", "echo locked; exec cat" })
        {
            start.ArgumentList.Add(argument);
        }

        using var holder = Process.Start(start)!;
        try
        {
            holder.StandardOutput.ReadLine().ShouldBe("locked");

            var error = Should.Throw<RunLockedException>(() => RunLock.Acquire(RunFolder, _time));
            error.Holder.ShouldBeNull();
            error.Message.ShouldContain("another process (it did not record which)");
            error.Message.ShouldContain($"fuser -v {LockFile}");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        using var acquired = RunLock.Acquire(RunFolder, _time);
        acquired.Holder.ProcessId.ShouldBe(Environment.ProcessId);
    }

    [Fact]
    public void The_programs_steps_run_are_listed_in_the_lock_file_while_they_run()
    {
        using var sleeper = Sleeper();
        using var held = RunLock.Acquire(RunFolder, _time);
        IProgramTracker tracker = held;

        tracker.Started(sleeper.Id);
        var holder = RunLockHolder.TryRead(LockFile).ShouldNotBeNull();
        holder.Programs.ShouldBe([ProgramIdentity.Of(sleeper.Id)!]);
        holder.StartTicks.ShouldBe(ProgramIdentity.Of(Environment.ProcessId)!.StartTicks);

        tracker.Ended(sleeper.Id);
        RunLockHolder.TryRead(LockFile).ShouldNotBeNull().Programs.ShouldBeEmpty();
        System.Text.Encoding.UTF8.GetString(RunbookEngine.Journal.LibC.ReadWithoutLocking(LockFile, 4096)!).ShouldNotContain("programs");
    }

    [Fact]
    public void Programs_of_a_holder_that_died_are_left_behind_and_those_of_a_live_one_are_not()
    {
        using var sleeper = Sleeper();
        var program = ProgramIdentity.Of(sleeper.Id).ShouldNotBeNull();
        var live = new RunLockHolder(Environment.ProcessId, Environment.MachineName, _time.GetUtcNow())
        {
            StartTicks = ProgramIdentity.Of(Environment.ProcessId)!.StartTicks,
            Programs = [program],
        };
        File.WriteAllBytes(LockFile, live.ToJson());
        RunLock.LeftBehind(RunFolder).ShouldBeEmpty("the holder still drives the run");

        // The same pid with another start time: the holder died and its pid was given to someone else.
        File.WriteAllBytes(LockFile, (live with { StartTicks = live.StartTicks + 1 }).ToJson());
        RunLock.LeftBehind(RunFolder).ShouldBe([program]);
        RunLock.IsAbandoned(RunFolder).ShouldBeTrue();

        // A program whose pid now belongs to another process is not it.
        File.WriteAllBytes(LockFile, (live with { StartTicks = live.StartTicks + 1, Programs = [program with { StartTicks = program.StartTicks + 1 }] }).ToJson());
        RunLock.LeftBehind(RunFolder).ShouldBeEmpty();

        sleeper.Dispose();
        File.WriteAllBytes(LockFile, (live with { StartTicks = live.StartTicks + 1 }).ToJson());
        RunLock.LeftBehind(RunFolder).ShouldBeEmpty("the program ended");
    }

    [Fact]
    public void A_program_s_children_are_found_with_it()
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 60 & wait"]) { RedirectStandardInput = true })!;
        var program = ProgramIdentity.Of(shell.Id).ShouldNotBeNull();

        var child = Poll(() => program.Descendants().SingleOrDefault());
        try
        {
            child.ShouldNotBeNull("sh started sleep");
            child.CommandLine().ShouldBe("sleep 60");
            program.CommandLine().ShouldBe("sh -c sleep 60 & wait");
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
            shell.WaitForExit();
        }
    }

    [Fact]
    public void An_old_lock_file_without_start_or_programs_still_reads()
    {
        File.WriteAllText(LockFile, "{\"pid\":4242,\"host\":\"db1\",\"since\":\"2026-11-21T03:28:12Z\"}\n");

        var holder = RunLockHolder.TryRead(LockFile).ShouldNotBeNull();

        holder.ShouldBe(new RunLockHolder(4242, "db1", new DateTimeOffset(2026, 11, 21, 3, 28, 12, TimeSpan.Zero)));
        holder.Programs.ShouldBeEmpty();
        holder.StartTicks.ShouldBeNull();
    }

    private static SleepProcess Sleeper() => new();

    private static T? Poll<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Thread.Sleep(10);
        }

        return null;
    }
}

/// <summary>A `sleep 60` that is killed and reaped on dispose, so a test never leaves one behind.</summary>
internal sealed class SleepProcess : IDisposable
{
    private readonly Process _process = Process.Start(new ProcessStartInfo("sleep", ["60"]))!;

    public int Id => _process.Id;

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
