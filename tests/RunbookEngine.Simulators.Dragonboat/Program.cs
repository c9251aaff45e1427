// SIMULATOR (test-only) of the small import tool dragonboat users write around tools.ImportSnapshot, plus
// simulated NodeHost processes. dragonboat ships no CLI (systems.md 4.3); see docs/systems/dragonboat.md.
using RunbookEngine.Simulators.Dragonboat;

return Cli.Run(args, Console.Out, Console.Error);
