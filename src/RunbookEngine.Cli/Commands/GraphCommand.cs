using System.CommandLine;
using RunbookEngine.Cli.Graphs;

namespace RunbookEngine.Cli.Commands;

internal static class GraphCommand
{
    public static Command Create(CliContext context)
    {
        var runbook = new Argument<string?>("runbook") { Description = "File path or catalog name[@version] (not with --states)", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid", HelpName = "mermaid|dot" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var states = new Option<bool>("--states") { Description = "Draw the engine's step and run state machines instead of a runbook" };
        var command = new Command("graph", "Draw a runbook's steps as a Mermaid or Graphviz graph") { runbook, format, states };
        command.Validators.Add(result =>
        {
            // The argument is optional only so that --states can go without it; say which of the two is wrong.
            var hasRunbook = result.GetValue(runbook) is not null;
            var drawStates = result.GetValue(states);
            if (drawStates && hasRunbook)
            {
                result.AddError("--states draws the engine's state machines and takes no runbook; drop one of the two.");
            }
            else if (!drawStates && !hasRunbook)
            {
                result.AddError("Required argument missing for command: 'graph' (give a runbook, or --states).");
            }
        });
        command.SetAction(parse =>
        {
            var dot = parse.GetValue(format) == "dot";
            if (parse.GetValue(states))
            {
                var machines = StateGraph.Engine();
                context.Env.Out.Write(dot ? StateGraph.Dot(machines) : StateGraph.Mermaid(machines));
                return ExitCodes.Success;
            }

            var loaded = context.LoadRunbook(parse, parse.GetValue(runbook)!);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            var graph = FlowGraph.From(loaded);
            context.Env.Out.Write(dot ? GraphRenderers.Dot(graph) : GraphRenderers.Mermaid(graph));
            return ExitCodes.Success;
        });
        return command;
    }
}
