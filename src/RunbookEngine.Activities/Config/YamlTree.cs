using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RunbookEngine.Activities.Config;

/// <summary>
/// One YAML document as YamlDotNet's parser sees it, with where each node sits in the text, so an edit can replace
/// exactly the characters of one value and leave every other byte (comments, blank lines, quoting, order) alone.
/// <see cref="YNode.Start"/> includes a node's anchor and tag; <see cref="YNode.End"/> is where its content
/// ends (a block scalar without its trailing line breaks, a flow collection after its closing bracket).
/// </summary>
internal sealed class YamlTree
{
    private const int MaxDepth = 256;

    private YamlTree(string text, YNode? root, IReadOnlyList<YAlias> aliases)
    {
        Text = text;
        Root = root;
        Aliases = aliases;
    }

    public string Text { get; }

    /// <summary>The document's top node; null for a file with no document (empty, or comments only).</summary>
    public YNode? Root { get; }

    /// <summary>Every alias in the document, in order.</summary>
    public IReadOnlyList<YAlias> Aliases { get; }

    /// <summary>Parses <paramref name="text"/>; a <see cref="ConfigProblem"/> when it is not YAML or not one document.</summary>
    public static YamlTree Parse(string text, string file)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return new YamlTree(text, null, []);
            }

            parser.Consume<DocumentStart>();
            var aliases = new List<YAlias>();
            var root = new Reader(text, parser, aliases).Node(0);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                throw new ConfigProblem(ConfigProblem.Unsupported, $"{file} holds more than one YAML document; only single-document files can be edited");
            }

            return new YamlTree(text, root, aliases);
        }
        catch (YamlException ex)
        {
            throw new ConfigProblem(ConfigProblem.InvalidYaml, $"{file} is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException for some malformed input (an open flow list before a
            // 'key: value' line; a tag that does not expand to a URI).
            throw new ConfigProblem(ConfigProblem.InvalidYaml, $"{file} is not valid YAML: {ex.Message}");
        }
    }

    /// <summary>Index of the first character of the line holding <paramref name="index"/>.</summary>
    public int LineStart(int index) => index == 0 ? 0 : Text.LastIndexOf('\n', index - 1) + 1;

    /// <summary>Column (0-based, in characters) of <paramref name="index"/>.</summary>
    public int Column(int index) => index - LineStart(index);

    public bool SameLine(int a, int b) => LineStart(a) == LineStart(b);

    private sealed class Reader(string text, IParser parser, List<YAlias> aliases)
    {
        public YNode Node(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ConfigProblem(ConfigProblem.Unsupported, $"the document is nested more than {MaxDepth} levels deep");
            }

            var start = parser.Current ?? throw new ConfigProblem(ConfigProblem.InvalidYaml, "the document ends early");
            parser.MoveNext();
            switch (start)
            {
                case Scalar scalar:
                    return new YScalar(scalar, ScalarEnd(scalar));
                case AnchorAlias alias:
                    var node = new YAlias(alias);
                    aliases.Add(node);
                    return node;
                case SequenceStart sequence:
                {
                    var items = new List<YNode>();
                    while (parser.Current is not SequenceEnd)
                    {
                        items.Add(Node(depth + 1));
                    }

                    return new YSequence(sequence, items, End(sequence.Style == SequenceStyle.Flow, items.LastOrDefault()));
                }

                case MappingStart mapping:
                {
                    var entries = new List<(YNode Key, YNode Value)>();
                    while (parser.Current is not MappingEnd)
                    {
                        var key = Node(depth + 1);
                        entries.Add((key, Node(depth + 1)));
                    }

                    return new YMapping(mapping, entries, End(mapping.Style == MappingStyle.Flow, entries.Count == 0 ? null : entries[^1].Value));
                }

                default:
                    throw new ConfigProblem(ConfigProblem.InvalidYaml, $"unexpected {start.GetType().Name} at line {start.Start.Line}");
            }
        }

        /// <summary>
        /// Consumes the end event. A flow collection ends after the bracket the event points at; a block collection
        /// where its last child ends (its end event sits at the next token, past any comments and blank lines).
        /// </summary>
        private int End(bool flow, YNode? last)
        {
            var close = (int)parser.Current!.Start.Index;
            parser.MoveNext();
            return flow ? close + 1 : last?.End ?? close;
        }

        /// <summary>A block scalar's span includes the line breaks after it; they belong to the layout, not the value.</summary>
        private int ScalarEnd(Scalar scalar)
        {
            var end = (int)Math.Min(scalar.End.Index, text.Length);
            if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
            {
                while (end > scalar.Start.Index && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }
            }

            return end;
        }
    }
}
