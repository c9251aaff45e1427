using System.Text;
using RunbookEngine.Execution.States;

namespace RunbookEngine.Cli.Graphs;

/// <summary>
/// The engine's step and run state machines, drawn from their transition tables (never from hand-written text),
/// so the picture in a design review is the table the engine enforces.
/// </summary>
internal sealed record StateGraph(string Name, string Initial, IReadOnlyList<string> States, IReadOnlyList<string> Terminal, IReadOnlyList<StateGraph.Edge> Edges)
{
    /// <summary>One arrow per pair of states; several triggers between the same pair share it.</summary>
    public sealed record Edge(string From, string To, IReadOnlyList<string> Triggers);

    public static IReadOnlyList<StateGraph> Engine() => [From(StepLifecycle.Machine), From(RunLifecycle.Machine)];

    public static StateGraph From<TState, TTrigger>(StateMachine<TState, TTrigger> machine)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var edges = machine.Transitions
            .GroupBy(t => (From: t.From.ToString(), To: t.To.ToString()))
            .Select(g => new Edge(g.Key.From, g.Key.To, g.Select(t => t.Trigger.ToString()).ToList()))
            .ToList();
        return new StateGraph(machine.Name, machine.Initial.ToString(), StateMachine<TState, TTrigger>.States.Select(s => s.ToString()).ToList(),
            machine.Terminal.Select(s => s.ToString()).ToList(), edges);
    }

    public static string Mermaid(IReadOnlyList<StateGraph> graphs)
    {
        var sb = new StringBuilder("stateDiagram-v2\n");
        foreach (var graph in graphs)
        {
            // A composite state with a quoted description does not parse in Mermaid (mermaid-js/mermaid#2026), so the id is the title.
            sb.Append($"    state {graph.Name} {{\n");
            foreach (var state in graph.States)
            {
                sb.Append($"        {graph.Id(state)} : {state}\n");
            }

            sb.Append($"        [*] --> {graph.Id(graph.Initial)}\n");
            foreach (var edge in graph.Edges)
            {
                sb.Append($"        {graph.Id(edge.From)} --> {graph.Id(edge.To)} : {string.Join(", ", edge.Triggers)}\n");
            }

            foreach (var state in graph.Terminal)
            {
                sb.Append($"        {graph.Id(state)} --> [*]\n");
            }

            sb.Append("    }\n");
        }

        return sb.ToString();
    }

    public static string Dot(IReadOnlyList<StateGraph> graphs)
    {
        var sb = new StringBuilder("digraph states {\n    rankdir=LR;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\"];\n");
        foreach (var graph in graphs)
        {
            sb.Append($"    subgraph \"cluster_{graph.Name}\" {{\n        label=\"{graph.Name}\";\n");
            sb.Append($"        \"{graph.Id("start")}\" [shape=point, label=\"\"];\n");
            foreach (var state in graph.States)
            {
                // Terminal states get a double border, the usual mark of a final state.
                sb.Append($"        \"{graph.Id(state)}\" [label=\"{state}\"{(graph.Terminal.Contains(state) ? ", peripheries=2" : string.Empty)}];\n");
            }

            sb.Append($"        \"{graph.Id("start")}\" -> \"{graph.Id(graph.Initial)}\";\n");
            foreach (var edge in graph.Edges)
            {
                sb.Append($"        \"{graph.Id(edge.From)}\" -> \"{graph.Id(edge.To)}\" [label=\"{string.Join("\\n", edge.Triggers)}\"];\n");
            }

            sb.Append("    }\n");
        }

        return sb.Append("}\n").ToString();
    }

    // Prefixed so the two machines' states (both have Running, Failed…) stay distinct nodes.
    private string Id(string state) => $"{Name}_{state}";
}
