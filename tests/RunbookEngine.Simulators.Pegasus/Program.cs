// SIMULATOR of Pegasus' operator tooling for tests (not the real tool); see docs/systems/pegasus.md.
// It stands in for the onebox `run.sh`: `run.sh shell [--cluster meta_list]` (commands on stdin),
// `run.sh stop_onebox_instance -m 1`, `run.sh start_onebox_instance -m 1`, plus `status` for tests.
// State: the JSON file named by PEGASUS_SIM_STATE.
using RunbookEngine.Simulators.Pegasus;

try
{
    var store = StateStore.FromEnvironment();
    var clock = () => TimeProvider.System.GetUtcNow();
    switch (args.FirstOrDefault())
    {
        case "shell":
            return new Shell(store, Console.Out, Console.Error, clock, Thread.Sleep).Run(Console.In, args[1..]);
        case "stop_onebox_instance":
            return OneboxScript.Stop(store, args[1..], Console.Out, Console.Error);
        case "start_onebox_instance":
            return OneboxScript.Start(store, args[1..], clock(), Console.Out, Console.Error);
        case "status":
            Console.WriteLine(store.Update(s => (s.Meta.Status, MetaServer.Advance(s, clock()))));
            return 0;
        default:
            Console.Error.WriteLine("ERROR: unknown command: " + (args.FirstOrDefault() ?? "(none)"));
            Console.Error.WriteLine("pegasus-sim (simulator) supports: shell, stop_onebox_instance -m N, start_onebox_instance -m N, status");
            return 1;
    }
}
catch (SimulatorUsageException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
