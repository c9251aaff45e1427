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

    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal) { "run_start", "run_end", "compensations", "root" };

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
                    graph.Edges.Add(new Edge(graph.NodeId(step.Id), graph.NodeId(target), "on failure", true));
                }
            }
        }

        return graph;
    }

    /// <summary>
    /// A Mermaid- and DOT-safe id for a step, the same every time it is asked for. '-' becomes '_', so step ids
    /// <c>a-b</c> and <c>a_b</c> would meet: the later one gets a numbered suffix instead.
    /// </summary>
    public string NodeId(string stepId) => Id("s_", stepId);

    private string Id(string prefix, string original)
    {
        var key = prefix + original;
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        var wanted = prefix + original.Replace('-', '_');
        id = wanted;
        for (var n = 2; !_taken.Add(id); n++)
        {
            id = $"{wanted}_{n}";
        }

        _ids[key] = id;
        return id;
    }

    private List<string> AddSequence(Cluster parent, IEnumerable<Step> steps, List<string> entries)
    {
        var previous = entries;
        foreach (var step in steps)
        {
            if (step is GroupStep group)
            {
                var label = $"{group.Id}{(group.Title is null ? string.Empty : " — " + group.Title)} {string.Join(" ", StepText.Annotations(group))}".TrimEnd();
                var cluster = new Cluster(Id("g_", group.Id), label, []);
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
