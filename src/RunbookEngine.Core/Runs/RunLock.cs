using System.Runtime.InteropServices;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>
/// An exclusive advisory lock on <c>runs/&lt;id&gt;/lock</c>, held while a process drives the run. It is a flock:
/// the kernel drops it when the holding process dies, however it dies, so a SIGKILLed engine never leaves a
/// lock to clean up by hand. The file is never deleted: deleting a lock file lets two processes lock two
/// different files of the same name.
/// </summary>
internal sealed class RunLock : IDisposable, Activities.Context.IProgramTracker
{
    public const string FileName = "lock";

    private readonly FileStream _file;
    private readonly Lock _gate = new();
    private readonly List<ProgramIdentity> _programs = [];

    private RunLock(FileStream file, RunLockHolder holder)
    {
        _file = file;
        Holder = holder;
    }

    public RunLockHolder Holder { get; private set; }

    public string Path => _file.Name;

    /// <exception cref="RunLockedException">Another process, or another handle in this process, holds it.</exception>
    public static RunLock Acquire(string runFolder, TimeProvider? time = null)
    {
        var path = System.IO.Path.Combine(runFolder, FileName);
        var runId = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(runFolder));
        FileStream file;
        try
        {
            // FileShare.None: on Unix .NET takes flock(LOCK_EX | LOCK_NB), on Windows a sharing lock.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException e) when (IsHeldElsewhere(e.HResult))
        {
            throw new RunLockedException(runId, path, RunLockHolder.TryRead(path));
        }

        try
        {
            // .NET skips its flock when DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set; take it ourselves too. On the
            // descriptor that already holds it this is a no-op.
            if (OperatingSystem.IsLinux() && LibC.flock(file.SafeFileHandle, LibC.LOCK_EX | LibC.LOCK_NB) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (IsHeldElsewhere(errno))
                {
                    throw new RunLockedException(runId, path, RunLockHolder.TryRead(path));
                }

                throw LibC.Error("flock", path);
            }

            var holder = new RunLockHolder(Environment.ProcessId, Environment.MachineName, (time ?? TimeProvider.System).GetUtcNow())
            {
                StartTicks = ProgramIdentity.Of(Environment.ProcessId)?.StartTicks,
            };
            file.SetLength(0);
            file.Write(holder.ToJson());
            return new RunLock(file, holder);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// True when nobody drives the run any more, judged without touching the lock (a probe with flock would make a
    /// resume starting at that moment fail): the lock file is empty (its holder let go), or it names a process on
    /// this host that no longer exists or is a zombie (a killed holder leaves its line behind; the kernel dropped the
    /// flock). False when the holder lives, or lives on another host (a shared state directory): not knowable here.
    /// </summary>
    public static bool IsAbandoned(string runFolder)
    {
        var path = System.IO.Path.Combine(runFolder, FileName);
        if (!File.Exists(path))
        {
            return true;
        }

        var holder = RunLockHolder.TryRead(path);
        if (holder is null)
        {
            return LibC.ReadWithoutLocking(path, 1) is { Length: 0 };
        }

        return holder.Host == Environment.MachineName && !IsAlive(holder);
    }

    /// <summary>
    /// Programs that the run's last holder started for its steps and that still run although the holder is gone
    /// (killed, crashed): nobody watches them, and resuming would start their steps a second time beside them.
    /// Empty while the holder lives, after it let go, or when it was on another host.
    /// </summary>
    public static IReadOnlyList<ProgramIdentity> LeftBehind(string runFolder)
    {
        var holder = RunLockHolder.TryRead(System.IO.Path.Combine(runFolder, FileName));
        if (holder is null || holder.Programs.Count == 0 || holder.Host != Environment.MachineName || IsAlive(holder))
        {
            return [];
        }

        return holder.Programs.Where(p => p.IsRunning()).ToList();
    }

    void Activities.Context.IProgramTracker.Started(int processId)
    {
        if (ProgramIdentity.Of(processId) is { } program)
        {
            lock (_gate)
            {
                _programs.Add(program);
                WriteHolder();
            }
        }
    }

    void Activities.Context.IProgramTracker.Ended(int processId)
    {
        lock (_gate)
        {
            if (_programs.RemoveAll(p => p.ProcessId == processId) > 0)
            {
                WriteHolder();
            }
        }
    }

    /// <summary>Caller holds <see cref="_gate"/>. Best effort, never synced: see <see cref="RunLockHolder.Programs"/>.</summary>
    private void WriteHolder()
    {
        Holder = Holder with { Programs = [.. _programs] };
        try
        {
            var bytes = Holder.ToJson();
            RandomAccess.Write(_file.SafeFileHandle, bytes, 0);
            _file.SetLength(bytes.Length);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e) || e is ObjectDisposedException)
        {
            // The record of a run's programs must never fail the step that started one.
        }
    }

    private static bool IsAlive(RunLockHolder holder) =>
        holder.StartTicks is { } start ? new ProgramIdentity(holder.ProcessId, start).IsRunning() : IsAlive(holder.ProcessId);

    private static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            // Exists and is not a zombie (dead, waiting to be reaped).
            return ProgramIdentity.Of(pid)?.IsRunning() == true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _programs.Clear();
        }

        try
        {
            // Emptied so that `cat lock` does not name a process that let go; a killed holder leaves its
            // line behind, which is harmless because the lock itself is gone.
            _file.SetLength(0);
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _file.Dispose();
    }

    // EWOULDBLOCK is 11 on Linux and 35 on macOS; Windows reports a sharing or lock violation.
    private static bool IsHeldElsewhere(int code) =>
        code is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
