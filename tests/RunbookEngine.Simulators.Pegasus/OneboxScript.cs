namespace RunbookEngine.Simulators.Pegasus;

/// <summary>
/// The simulated <c>run.sh stop_onebox_instance / start_onebox_instance -m 1</c> for the one meta server. Starting
/// only launches the process: the meta reads config.ini and decides its fate <see cref="Timing.MetaStartSeconds"/>
/// later (<see cref="MetaServer.Advance"/>), as a real meta does while it connects to ZooKeeper.
/// </summary>
public static class OneboxScript
{
    public static int Stop(StateStore store, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!IsMetaOne(args, stderr))
        {
            return 1;
        }

        var was = store.Update(s =>
        {
            var before = s.Meta.Status;
            MetaServer.Stop(s);
            return (before, true);
        });
        stdout.WriteLine(was is MetaStatus.Stopped or MetaStatus.Crashed ? "INFO: meta@1 is not running" : "INFO: meta@1 stopped");
        return 0;
    }

    public static int Start(StateStore store, string[] args, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        if (!IsMetaOne(args, stderr))
        {
            return 1;
        }

        var started = store.Update(s =>
        {
            MetaServer.Advance(s, now);
            if (s.Meta.Status is not (MetaStatus.Stopped or MetaStatus.Crashed))
            {
                return (false, false);
            }

            MetaServer.Start(s, now);
            return (true, true);
        });
        if (!started)
        {
            stderr.WriteLine("ERROR: meta@1 is already running");
            return 1;
        }

        stdout.WriteLine("INFO: meta@1 started");
        return 0;
    }

    private static bool IsMetaOne(string[] args, TextWriter stderr)
    {
        if (args is ["-m", "1"])
        {
            return true;
        }

        stderr.WriteLine("ERROR: the simulator has one meta server: use -m 1");
        return false;
    }
}
