using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RunbookEngine.Activities.Config;

/// <summary>A node of a <see cref="YamlTree"/>: where it starts (anchor and tag included) and where its content ends.</summary>
internal abstract class YNode(ParsingEvent start, int end)
{
    public int Start { get; } = (int)start.Start.Index;

    public int End { get; } = end;

    public string? Anchor { get; } = start is NodeEvent { Anchor.IsEmpty: false } node ? node.Anchor.Value : null;

    public string? Tag { get; } = start is NodeEvent { Tag.IsEmpty: false } node ? node.Tag.Value : null;

    /// <summary>"a mapping", "the scalar 'x'": for messages about why a path does not fit.</summary>
    public abstract string Describe();
}

internal sealed class YScalar(Scalar scalar, int end) : YNode(scalar, end)
{
    public string Value { get; } = scalar.Value;

    public ScalarStyle Style { get; } = scalar.Style;

    /// <summary>A plain scalar read as null (<c>~</c>, <c>null</c>, or nothing at all as in <c>key:</c>).</summary>
    public bool IsNull => Style is ScalarStyle.Plain && (Tag is null or "tag:yaml.org,2002:null") && YamlScalars.IsNull(Value);

    public override string Describe() => IsNull ? "empty (null)" : $"the scalar '{(Value.Length > 40 ? Value[..40] + "…" : Value)}'";
}

internal sealed class YAlias(AnchorAlias alias) : YNode(alias, (int)alias.End.Index)
{
    public string Name { get; } = alias.Value.Value;

    public override string Describe() => $"the alias *{Name}";
}

internal sealed class YSequence(SequenceStart start, IReadOnlyList<YNode> items, int end) : YNode(start, end)
{
    public IReadOnlyList<YNode> Items { get; } = items;

    public bool Flow { get; } = start.Style == SequenceStyle.Flow;

    /// <summary>Index of the closing <c>]</c> of a flow sequence.</summary>
    public int CloseIndex => End - 1;

    public override string Describe() => $"a list of {Items.Count}";
}

internal sealed class YMapping(MappingStart start, IReadOnlyList<(YNode Key, YNode Value)> entries, int end) : YNode(start, end)
{
    public IReadOnlyList<(YNode Key, YNode Value)> Entries { get; } = entries;

    public bool Flow { get; } = start.Style == MappingStyle.Flow;

    /// <summary>Index of the closing <c>}</c> of a flow mapping.</summary>
    public int CloseIndex => End - 1;

    /// <summary>The entry whose key is the scalar <paramref name="key"/> (quoted or not), or null.</summary>
    public (YNode Key, YNode Value)? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key is YScalar scalar && scalar.Value == key)
            {
                return entry;
            }
        }

        return null;
    }

    public override string Describe() => "a mapping";
}
