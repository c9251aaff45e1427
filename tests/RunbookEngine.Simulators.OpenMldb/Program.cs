// SIMULATOR of the OpenMLDB operator CLI (`openmldb --role=ns_client|client --interactive=false --cmd=...`) for tests.
// It is not OpenMLDB: it keeps a simulated cluster in a JSON state file ($OPENMLDB_SIM_STATE or --sim_state=PATH)
// and answers with the real tool's output formats (systems.md section 1). See docs/systems/openmldb.md.
using RunbookEngine.Simulators.OpenMldb;

return SimulatorMain.Run(args, Console.Out, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
