// SIMULATOR of the devicedb operator CLI for tests (not the real tool); see docs/systems/devicedb.md.
using RunbookEngine.Simulators.DeviceDb;

return Simulator.Run(args, Console.Error, Console.OpenStandardOutput());
