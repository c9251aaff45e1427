namespace RunbookEngine.Activities.Config;

/// <summary>
/// Sets one value in a YAML text by replacing only the characters of the value being changed (or inserting one new
/// line block for a new key), located with YamlDotNet's parser marks. Everything else, comments, blank lines,
/// quoting, key order, anchors, line endings, stays byte for byte. New values are written the way
/// <see cref="YamlText"/> writes them: scalars inline, collections in block style where the layout allows it
/// and in flow style (<c>{a: 1}</c>, <c>[x, y]</c>) where it does not (after <c>key:</c> on a flow line).
/// </summary>
internal sealed class YamlEditor
{
    private readonly YamlTree _tree;
    private readonly YamlPath _path;
    private readonly object? _value;
    private readonly string _newLine;

    private YamlEditor(YamlTree tree, YamlPath path, object? value)
    {
        _tree = tree;
        _path = path;
        _value = value;
        _newLine = tree.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
    }

    private abstract record Slot;

    private sealed record RootSlot : Slot;

    private sealed record MappingSlot(YMapping Parent, YNode Key) : Slot;

    private sealed record SequenceSlot(YSequence Parent) : Slot;

    private string Text => _tree.Text;

    /// <summary>The text with <paramref name="value"/> at <paramref name="path"/>; a <see cref="ConfigProblem"/> when the path does not fit the document.</summary>
    public static string Set(YamlTree tree, YamlPath path, object? value) => new YamlEditor(tree, path, value).Apply();

    private string Apply()
    {
        if (_tree.Root is null || _tree.Root is YScalar { IsNull: true } empty && empty.Start == empty.End)
        {
            return AppendDocument();
        }

        var node = _tree.Root;
        Slot slot = new RootSlot();
        for (var i = 0; i < _path.Segments.Count; i++)
        {
            if (node is YAlias alias)
            {
                throw new ConfigProblem(ConfigProblem.Unsupported, $"{_path.Prefix(i)} is the alias *{alias.Name}; set the value under its anchor &{alias.Name} instead");
            }

            switch (_path.Segments[i])
            {
                case YamlPath.Key key when node is YMapping mapping:
                    if (mapping.Find(key.Name) is not { } entry)
                    {
                        return InsertKey(mapping, key.Name, Nest(i + 1));
                    }

                    slot = new MappingSlot(mapping, entry.Key);
                    node = entry.Value;
                    break;
                case YamlPath.Key when node is YScalar { IsNull: true }:
                    // `key:` with nothing after it becomes the mapping the rest of the path needs.
                    return Replace(node, slot, Nest(i));
                case YamlPath.Index index when node is YSequence sequence:
                    if (index.Position >= sequence.Items.Count)
                    {
                        throw new ConfigProblem(ConfigProblem.PathNotFound, $"{_path.Prefix(i + 1)} does not exist: {_path.Prefix(i)} has {sequence.Items.Count} item(s)");
                    }

                    slot = new SequenceSlot(sequence);
                    node = sequence.Items[index.Position];
                    break;
                case YamlPath.Key key:
                    throw new ConfigProblem(ConfigProblem.PathConflict, $"cannot set '{key.Name}' in {_path.Prefix(i)}: it is {node.Describe()}, not a mapping");
                case YamlPath.Index index:
                    throw new ConfigProblem(ConfigProblem.PathConflict, $"cannot take item [{index.Position}] of {_path.Prefix(i)}: it is {node.Describe()}, not a list");
            }
        }

        return Replace(node, slot, _value);
    }

    /// <summary>The value for the segments from <paramref name="from"/> on, as nested mappings; missing list items are not invented.</summary>
    private object? Nest(int from)
    {
        var value = _value;
        for (var i = _path.Segments.Count - 1; i >= from; i--)
        {
            value = _path.Segments[i] is YamlPath.Key key
                ? new Dictionary<string, object?>(StringComparer.Ordinal) { [key.Name] = value }
                : throw new ConfigProblem(ConfigProblem.PathNotFound, $"{_path.Prefix(i + 1)} does not exist; yaml.set creates missing keys, not list items");
        }

        return value;
    }

    /// <summary>A file without a document (empty, or comments only) gets one at its end.</summary>
    private string AppendDocument()
    {
        var block = YamlText.Block(Nest(0), 0);
        var separator = Text.Length > 0 && !Text.EndsWith('\n') ? "\n" : string.Empty;
        return Splice(Text.Length, Text.Length, separator + block + "\n");
    }

    private string Replace(YNode node, Slot slot, object? value)
    {
        CheckAnchors(node);
        var block = YamlText.IsCollection(value) && !YamlText.IsEmpty(value);
        switch (slot)
        {
            case MappingSlot { Parent.Flow: false } entry:
            {
                var keyColumn = _tree.Column(entry.Key.Start);
                var colon = AfterColon(entry.Key);
                if (!_tree.SameLine(entry.Key.Start, node.Start))
                {
                    // The old value sits on the lines below its key (a block collection, usually).
                    var column = _tree.Column(node.Start);
                    var onlyLayoutBetween = string.IsNullOrWhiteSpace(Text[colon..node.Start]);
                    if (!block)
                    {
                        return onlyLayoutBetween || column <= keyColumn
                            ? Splice(colon, node.End, " " + YamlText.Inline(value, inFlow: false))
                            : Splice(node.Start, node.End, YamlText.Inline(value, inFlow: false));
                    }

                    return column > keyColumn && OnlySpacesBefore(node.Start)
                        ? Splice(node.Start, node.End, BlockFrom(value, column))
                        : Splice(colon, node.End, "\n" + YamlText.Block(value, keyColumn + 2));
                }

                return block
                    ? Splice(colon, node.End, "\n" + YamlText.Block(value, keyColumn + 2))
                    : Splice(node.Start, node.End, Spaced(node, YamlText.Inline(value, inFlow: false)));
            }

            case SequenceSlot { Parent.Flow: false } when block:
            {
                // "- value" becomes "- key: value" with the rest of the item aligned under it.
                var afterDash = node.Start == node.End && node.Start > 0 && Text[node.Start - 1] == '-';
                var column = _tree.Column(node.Start) + (afterDash ? 1 : 0);
                return Splice(node.Start, node.End, (afterDash ? " " : string.Empty) + BlockFrom(value, column));
            }

            case RootSlot when block && OnlySpacesBefore(node.Start):
                return Splice(node.Start, node.End, BlockFrom(value, _tree.Column(node.Start)));
            case MappingSlot { Parent.Flow: true }:
            case SequenceSlot { Parent.Flow: true }:
                return Splice(node.Start, node.End, Spaced(node, YamlText.Inline(value, inFlow: true)));
            default:
                return Splice(node.Start, node.End, Spaced(node, YamlText.Inline(value, inFlow: false)));
        }
    }

    private string InsertKey(YMapping mapping, string key, object? value)
    {
        if (mapping.Flow)
        {
            var entry = $"{YamlText.Key(key, inFlow: true)}: {YamlText.Inline(value, inFlow: true)}";
            return mapping.Entries.Count == 0
                ? Splice(mapping.CloseIndex, mapping.CloseIndex, entry)
                : Splice(mapping.Entries[^1].Value.End, mapping.Entries[^1].Value.End, ", " + entry);
        }

        // A new last line of the mapping, at the column of its keys, after the line where its last value ends.
        var column = _tree.Column(mapping.Entries[0].Key.Start);
        var line = new string(' ', column) + YamlText.Key(key, inFlow: false) + ":" + (YamlText.IsCollection(value) && !YamlText.IsEmpty(value)
            ? "\n" + YamlText.Block(value, column + 2)
            : " " + YamlText.Inline(value, inFlow: false));
        var at = mapping.End;
        if (at > 0 && Text[at - 1] == '\n')
        {
            return Splice(at, at, line + "\n");
        }

        var lineEnd = Text.IndexOf('\n', at);
        return lineEnd < 0 ? Splice(Text.Length, Text.Length, "\n" + line + "\n") : Splice(lineEnd + 1, lineEnd + 1, line + "\n");
    }

    /// <summary>Replacing a node drops the anchors in it; refused when an alias elsewhere still refers to one.</summary>
    private void CheckAnchors(YNode node)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, anchors);
        foreach (var alias in _tree.Aliases)
        {
            if ((alias.Start < node.Start || alias.Start >= node.End) && anchors.Contains(alias.Name))
            {
                throw new ConfigProblem(ConfigProblem.Unsupported, $"{_path} holds the anchor &{alias.Name}, which *{alias.Name} repeats elsewhere; replacing it would break that alias");
            }
        }

        static void Collect(YNode node, HashSet<string> anchors)
        {
            if (node.Anchor is { } anchor)
            {
                anchors.Add(anchor);
            }

            var children = node switch
            {
                YSequence sequence => sequence.Items,
                YMapping mapping => mapping.Entries.SelectMany(e => new[] { e.Key, e.Value }),
                _ => [],
            };
            foreach (var child in children)
            {
                Collect(child, anchors);
            }
        }
    }

    /// <summary>Index just after the ':' that follows a block mapping key.</summary>
    private int AfterColon(YNode key)
    {
        var i = key.End;
        while (i < Text.Length && Text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < Text.Length && Text[i] == ':'
            ? i + 1
            : throw new ConfigProblem(ConfigProblem.Unsupported, $"{_path}: the key is written in the explicit form ('? key'), which yaml.set does not edit");
    }

    private bool OnlySpacesBefore(int index) => string.IsNullOrWhiteSpace(Text[_tree.LineStart(index)..index]);

    /// <summary>A block that starts where the old node started: its first line's indentation is already there.</summary>
    private static string BlockFrom(object? value, int column) => YamlText.Block(value, column)[column..];

    /// <summary>An empty value (<c>key:</c>, <c>-</c>) has no space to replace; keep the value off the indicator.</summary>
    private string Spaced(YNode node, string text) =>
        node.Start == node.End && node.Start > 0 && Text[node.Start - 1] is ':' or '-' ? " " + text : text;

    private string Splice(int start, int end, string replacement) =>
        string.Concat(Text.AsSpan(0, start), _newLine == "\n" ? replacement : replacement.ReplaceLineEndings(_newLine), Text.AsSpan(end));
}
