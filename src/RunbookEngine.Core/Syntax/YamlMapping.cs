using RunbookEngine.Diagnostics;

namespace RunbookEngine.Syntax;

public sealed record YamlEntry(YamlScalar Key, YamlNode Value);

public sealed class YamlMapping : YamlNode
{
    internal YamlMapping(SourceSpan span, string path, IReadOnlyList<YamlEntry> entries)
        : base(span, path)
    {
        Entries = entries;
    }

    public IReadOnlyList<YamlEntry> Entries { get; }

    public override string KindName => "a mapping";

    /// <summary>The first entry with this key (duplicates are reported by the reader).</summary>
    public YamlEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }

    public YamlNode? this[string key] => Find(key)?.Value;
}
