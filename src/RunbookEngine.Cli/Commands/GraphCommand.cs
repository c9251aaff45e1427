using System.CommandLine;
using RunbookEngine.Cli.Graphs;

namespace RunbookEngine.Cli.Commands;

internal static class GraphCommand
{
    public static Command Create(CliContext context)
    {
        var runbook = new Argument<string>("runbook") { Description = "File path or catalog name[@version]" };
        var format = new Option<string>("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid", HelpName = "mermaid|dot" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("graph", "Draw a runbook's steps as a Mermaid or Graphviz graph") { runbook, format };
        command.SetAction(parse =>
        {
            var loaded = context.LoadRunbook(parse, parse.GetValue(runbook)!);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            var graph = FlowGraph.From(loaded);
            context.Env.Out.Write(parse.GetValue(format) == "dot" ? GraphRenderers.Dot(graph) : GraphRenderers.Mermaid(graph));
            return ExitCodes.Success;
        });
        return command;
    }
}
