using RunbookEngine.Cli;

return await CliApp.RunAsync(args, new CliEnvironment(Console.Out, Console.Error, !Console.IsOutputRedirected, Environment.CurrentDirectory, Console.In) { HandlesSignals = true });
