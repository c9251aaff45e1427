using System.CommandLine;
using RunbookEngine.Schema;

namespace RunbookEngine.Cli.Commands;

internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("schema", "Print the JSON Schema of runbooks (with every activity's inputs) for editors");
        command.SetAction(_ =>
        {
            context.Env.Out.Write(SchemaGenerator.GenerateText(context.Activities));
            return ExitCodes.Success;
        });
        return command;
    }
}
