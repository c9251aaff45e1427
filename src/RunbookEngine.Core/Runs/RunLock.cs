using System.Runtime.InteropServices;
using RunbookEngine.Journal;

namespace RunbookEngine.Runs;

/// <summary>
/// An exclusive advisory lock on <c>runs/&lt;id&gt;/lock</c>, held while a process drives the run. It is a flock:
/// the kernel drops it when the holding process dies, however it dies, so a SIGKILLed engine never leaves a
/// lock to clean up by hand. The file is never deleted: deleting a lock file lets two processes lock two
/// different files of the same name.
/// </summary>
internal sealed class RunLock : IDisposable
{
    public const string FileName = "lock";

    private readonly FileStream _file;

    private RunLock(FileStream file, RunLockHolder holder)
    {
        _file = file;
        Holder = holder;
    }

    public RunLockHolder Holder { get; }

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

            var holder = new RunLockHolder(Environment.ProcessId, Environment.MachineName, (time ?? TimeProvider.System).GetUtcNow());
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

    public void Dispose()
    {
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
