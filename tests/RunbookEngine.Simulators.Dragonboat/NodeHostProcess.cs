using System.Runtime.InteropServices;

namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>
/// SIMULATOR of a NodeHost process: holds the directory LOCK (LockNodeHostDir), checks the flag file owner
/// (ErrNotOwner), records its start in the state file and runs until SIGTERM/SIGINT.
/// </summary>
public static class NodeHostProcess
{
    public static int Run(string statePath, string dir, string raftAddress, ulong deploymentId, TextWriter stdout, TextWriter stderr)
    {
        Directory.CreateDirectory(dir);
        using var dirLock = NodeHostDir.TryLock(dir);
        if (dirLock is null)
        {
            stderr.WriteLine($"failed to create NodeHost: {NodeHostDir.LockFailed}");
            return 1;
        }

        var flag = NodeHostDir.ReadFlag(dir);
        if (flag is not null && !string.Equals(flag.Address, raftAddress, StringComparison.OrdinalIgnoreCase))
        {
            stderr.WriteLine($"failed to create NodeHost: {NodeHostDir.NotOwner}");
            return 1;
        }

        var hostname = StateStore.Update(statePath, state =>
        {
            if (!state.Hosts.TryGetValue(dir, out var host))
            {
                host = new SimHost { RaftAddress = raftAddress, DeploymentId = deploymentId };
                state.Hosts[dir] = host;
            }

            host.StartedAt = DateTimeOffset.UtcNow;
            host.Pid = Environment.ProcessId;
            return (true, host.Hostname);
        });
        if (flag is null)
        {
            NodeHostDir.WriteFlag(dir, new FlagContent(raftAddress, hostname, deploymentId));
        }

        using var stop = new ManualResetEventSlim();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        stdout.WriteLine($"NodeHost {raftAddress} started, NodeHostDir {dir}");
        stdout.Flush();
        stop.Wait();

        StateStore.Update(statePath, state =>
        {
            if (state.Hosts.TryGetValue(dir, out var host) && host.Pid == Environment.ProcessId)
            {
                host.StartedAt = null;
                host.Pid = 0;
            }

            return (true, 0);
        });
        stdout.WriteLine($"NodeHost {raftAddress} stopped");
        return 0;
    }
}
