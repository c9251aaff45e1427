using Spectre.Console;

namespace RunbookEngine.Cli.Output;

internal static class ConsoleFactory
{
    /// <summary>Width used when output is not a terminal, so piped output and snapshots are stable.</summary>
    public const int PlainWidth = 100;

    public static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            console.Profile.Width = PlainWidth;
        }

        return console;
    }
}
