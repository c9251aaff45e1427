using System.Text;

namespace RunbookEngine.Cli.Graphs;

internal static class GraphRenderers
{
    public static string Mermaid(FlowGraph graph)
    {
        var sb = new StringBuilder("flowchart TD\n");
        void Write(FlowGraph.Cluster cluster, int depth)
        {
            var indent = new string(' ', depth * 4);
            foreach (var child in cluster.Children)
            {
                switch (child)
                {
                    case FlowGraph.Node node:
                        var label = string.Join("<br/>", node.Lines.Select(MermaidEscape));
                        sb.Append(indent).Append(node.Id).Append(node.Terminal ? $"([\"{label}\"])" : $"[\"{label}\"]").Append('\n');
                        break;
                    case FlowGraph.Cluster inner:
                        sb.Append(indent).Append($"subgraph {inner.Id}[\"{MermaidEscape(inner.Label)}\"]\n");
                        Write(inner, depth + 1);
                        sb.Append(indent).Append("end\n");
                        break;
                }
            }
        }

        Write(graph.Root, 1);
        foreach (var edge in graph.Edges)
        {
            var arrow = edge.Dashed ? "-.->" : "-->";
            sb.Append($"    {edge.From} {arrow}{(edge.Label is null ? string.Empty : $"|{MermaidEscape(edge.Label)}|")} {edge.To}\n");
        }

        return sb.ToString();
    }

    public static string Dot(FlowGraph graph)
    {
        var sb = new StringBuilder("digraph runbook {\n    rankdir=TB;\n    node [shape=box, fontname=\"Helvetica\"];\n");
        void Write(FlowGraph.Cluster cluster, int depth)
        {
            var indent = new string(' ', depth * 4);
            foreach (var child in cluster.Children)
            {
                switch (child)
                {
                    case FlowGraph.Node node:
                        sb.Append($"{indent}\"{node.Id}\" [label=\"{string.Join("\\n", node.Lines.Select(DotEscape))}\"{(node.Terminal ? ", shape=oval" : string.Empty)}];\n");
                        break;
                    case FlowGraph.Cluster inner:
                        sb.Append($"{indent}subgraph \"cluster_{inner.Id}\" {{\n{indent}    label=\"{DotEscape(inner.Label)}\";\n");
                        Write(inner, depth + 1);
                        sb.Append($"{indent}}}\n");
                        break;
                }
            }
        }

        Write(graph.Root, 1);
        foreach (var edge in graph.Edges)
        {
            var attributes = new List<string>();
            if (edge.Dashed)
            {
                attributes.Add("style=dashed");
            }

            if (edge.Label is not null)
            {
                attributes.Add($"label=\"{DotEscape(edge.Label)}\"");
            }

            sb.Append($"    \"{edge.From}\" -> \"{edge.To}\"{(attributes.Count > 0 ? $" [{string.Join(", ", attributes)}]" : string.Empty)};\n");
        }

        return sb.Append("}\n").ToString();
    }

    // Mermaid reads quotes and angle brackets inside labels as markup; its entity codes keep them literal.
    private static string MermaidEscape(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);

    private static string DotEscape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
