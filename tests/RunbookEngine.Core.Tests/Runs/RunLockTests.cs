using System.Diagnostics;
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
        error.Holder.ShouldBe(new RunLockHolder(Environment.ProcessId, Environment.MachineName, _time.GetUtcNow()));
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
}
