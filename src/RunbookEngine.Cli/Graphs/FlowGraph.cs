using RunbookEngine.Cli.Output;
using RunbookEngine.Model;

namespace RunbookEngine.Cli.Graphs;

/// <summary>A runbook's control flow as nodes, clusters (groups) and edges, independent of the drawing language.</summary>
internal sealed class FlowGraph
{
    public sealed record Node(string Id, IReadOnlyList<string> Lines, bool Terminal);

    public sealed record Cluster(string Id, string Label, List<object> Children);

    public sealed record Edge(string From, string To, string? Label, bool Dashed);

    public Cluster Root { get; } = new("root", string.Empty, []);

    public List<Edge> Edges { get; } = [];

    public static FlowGraph From(Runbook runbook)
    {
        var graph = new FlowGraph();
        // Not "end": Mermaid reads a node called end as the end of a subgraph and rejects the chart.
        graph.Root.Children.Add(new Node("run_start", ["start"], true));
        var exits = graph.AddSequence(graph.Root, runbook.Steps, ["run_start"]);
        graph.Root.Children.Add(new Node("run_end", ["end"], true));
        graph.Connect(exits, "run_end");
        if (runbook.Compensations.Count > 0)
        {
            var compensations = new Cluster("compensations", "compensations (run only on failure)", []);
            graph.Root.Children.Add(compensations);
            graph.AddSequence(compensations, runbook.Compensations, []);
            foreach (var step in runbook.AllSteps().Where(s => s.OnFailure.Action == FailureAction.Compensate))
            {
                foreach (var target in step.OnFailure.Compensations)
                {
                    graph.Edges.Add(new Edge(NodeId(step.Id), NodeId(target), "on failure", true));
                }
            }
        }

        return graph;
    }

    public static string NodeId(string stepId) => "s_" + stepId.Replace('-', '_');

    private List<string> AddSequence(Cluster parent, IEnumerable<Step> steps, List<string> entries)
    {
        var previous = entries;
        foreach (var step in steps)
        {
            if (step is GroupStep group)
            {
                var label = $"{group.Id}{(group.Title is null ? string.Empty : " — " + group.Title)} {string.Join(" ", StepText.Annotations(group))}".TrimEnd();
                var cluster = new Cluster("g_" + group.Id.Replace('-', '_'), label, []);
                parent.Children.Add(cluster);
                previous = AddSequence(cluster, group.Steps, previous);
                continue;
            }

            var lines = new List<string> { step.Id, step.Kind };
            if (step.Title is { Length: > 0 } title)
            {
                lines.Add(title);
            }

            lines.AddRange(StepText.Annotations(step));
            var id = NodeId(step.Id);
            parent.Children.Add(new Node(id, lines, false));
            Connect(previous, id);
            previous = [id];
        }

        return previous;
    }

    private void Connect(IEnumerable<string> from, string to)
    {
        foreach (var f in from)
        {
            Edges.Add(new Edge(f, to, null, false));
        }
    }
}
