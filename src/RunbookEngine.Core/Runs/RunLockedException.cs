namespace RunbookEngine.Runs;

/// <summary>Another process (or another handle in this one) is driving the run.</summary>
internal sealed class RunLockedException(string runId, string lockFile, RunLockHolder? holder)
    : RunStoreException(RunErrorCodes.RunLocked, Explain(runId, lockFile, holder))
{
    public string RunId { get; } = runId;

    public string LockFile { get; } = lockFile;

    /// <summary>Null when the holder did not record itself.</summary>
    public RunLockHolder? Holder { get; } = holder;

    private static string Explain(string runId, string lockFile, RunLockHolder? holder)
    {
        var check = holder is null
            ? $"`fuser -v {lockFile}` (or `lsof {lockFile}`) shows which process holds it"
            : $"check it with `ps -o pid,etime,args -p {holder.ProcessId}` on {holder.Host}";
        return $"run {runId} is in use by {RunLockHolder.Describe(holder)}; {check}. " +
            "Two processes must never drive one run. If that process is gone, the lock is already free: " +
            "the kernel releases it when the process exits, so try again.";
    }
}
