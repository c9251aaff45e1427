using RunbookEngine.Diagnostics;

namespace RunbookEngine.Syntax;

public sealed class YamlSequence : YamlNode
{
    internal YamlSequence(SourceSpan span, string path, IReadOnlyList<YamlNode> items)
        : base(span, path)
    {
        Items = items;
    }

    public IReadOnlyList<YamlNode> Items { get; }

    public override string KindName => "a list";
}
