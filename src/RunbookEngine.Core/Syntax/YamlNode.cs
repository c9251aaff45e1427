using RunbookEngine.Diagnostics;

namespace RunbookEngine.Syntax;

/// <summary>A node of the position-keeping syntax tree that the loader reads runbooks from.</summary>
public abstract class YamlNode
{
    private protected YamlNode(SourceSpan span, string path)
    {
        Span = span;
        Path = path;
    }

    public SourceSpan Span { get; }

    /// <summary>Where the node sits in the document, e.g. <c>steps[2].with.port</c>.</summary>
    public string Path { get; }

    /// <summary>Human name of the node's kind, for "expected a mapping, found a list" messages.</summary>
    public abstract string KindName { get; }

    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
