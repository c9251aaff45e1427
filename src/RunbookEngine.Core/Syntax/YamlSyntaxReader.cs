using System.Text.RegularExpressions;
using RunbookEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using CoreScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace RunbookEngine.Syntax;

/// <summary>
/// Reads YAML into the position-keeping syntax tree. YamlDotNet's event parser is used rather than its
/// representation model so that duplicate keys, aliases and positions are under our control.
/// </summary>
public static partial class YamlSyntaxReader
{
    private const string StrTag = "tag:yaml.org,2002:str";

    /// <summary>How many nodes aliases may add to a document in total; a few hundred bytes of nested aliases can otherwise expand to billions.</summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>Deepest nesting of mappings and lists read; deeper input would overflow the reader's stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Reads one YAML document; returns null (with diagnostics) when there is nothing usable.</summary>
    public static YamlNode? Read(SourceText source, DiagnosticBag diagnostics)
    {
        var reader = new Reader(source, diagnostics);
        return reader.ReadDocument();
    }

    private sealed class Reader(SourceText source, DiagnosticBag diagnostics)
    {
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private readonly Dictionary<YamlNode, long> _sizes = new(ReferenceEqualityComparer.Instance);
        private long _aliasNodes;
        private bool _aliasLimitReached;
        private int _depth;
        private readonly Scanner _scanner = new(new StringReader(source.Text), skipComments: true);
        private IParser _parser = null!;

        private IParser Events => _parser;

        public YamlNode? ReadDocument()
        {
            _parser = new Parser(_scanner);
            try
            {
                Events.Consume<StreamStart>();
                if (Events.Accept<StreamEnd>(out _))
                {
                    ReportEmpty();
                    return null;
                }

                Events.Consume<DocumentStart>();
                var root = ReadNode(string.Empty);
                Events.Consume<DocumentEnd>();
                if (Events.Accept<DocumentStart>(out var second))
                {
                    diagnostics.Add(DiagnosticCodes.MultipleDocuments, SpanOf(second.Start, second.End), string.Empty,
                        "the file holds more than one YAML document",
                        "keep one runbook per file; remove the second '---' and what follows it");
                }

                if (root is YamlScalar { IsNull: true })
                {
                    ReportEmpty();
                    return null;
                }

                return _aliasLimitReached ? null : root;
            }
            catch (YamlException ex)
            {
                diagnostics.Add(DiagnosticCodes.YamlSyntax, ErrorSpan(ex), string.Empty,
                    CleanMessage(ex.Message), SyntaxHint(ex.Message));
                return null;
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner throws this instead of a YamlException for some malformed input, e.g. a flow
                // list left open before a 'key: value' line. It is still a syntax error in the user's file.
                diagnostics.Add(DiagnosticCodes.YamlSyntax, SpanOf(_scanner.CurrentPosition, _scanner.CurrentPosition), string.Empty,
                    "the YAML cannot be read past this point", SyntaxHint("did not find expected"));
                return null;
            }
            catch (ArgumentException ex)
            {
                // And this for a tag that does not expand to a URI: '!!b]inary' becomes 'tag:yaml.org,2002:b]inary'
                // ("Global tags must be valid URIs"). Runbooks use no tags at all.
                diagnostics.Add(DiagnosticCodes.YamlSyntax, WordBefore(_scanner.CurrentPosition), string.Empty,
                    $"the YAML cannot be read past this point: {CleanMessage(ex.Message.Split(" (Parameter", 2)[0])}",
                    "remove the tag (the word starting with '!'); runbook values need none");
                return null;
            }
        }

        private void ReportEmpty() =>
            diagnostics.Add(DiagnosticCodes.EmptyDocument, new SourceSpan(source.File, 1, 1, 1, 2), string.Empty,
                "the file is empty",
                "start from 'runbook new <system>/<name>', which writes a runbook that validates");

        private YamlNode ReadNode(string path)
        {
            if (Events.TryConsume<AnchorAlias>(out var alias))
            {
                var span = SpanOf(alias.Start, alias.End);
                if (_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    if (!_aliasLimitReached && (_aliasNodes += Size(target)) <= MaxAliasNodes)
                    {
                        return target;
                    }

                    if (!_aliasLimitReached)
                    {
                        _aliasLimitReached = true;
                        diagnostics.Add(DiagnosticCodes.YamlSyntax, span, path,
                            $"aliases expand the document to more than {MaxAliasNodes} nodes",
                            "anchors and aliases are for small shared values; write large values out, or split the runbook");
                    }

                    return new YamlScalar(span, path, string.Empty, ScalarStyle.Plain, null, null);
                }

                diagnostics.Add(DiagnosticCodes.UnknownAlias, span, path,
                    $"alias '*{alias.Value.Value}' refers to no anchor defined before it",
                    $"define '&{alias.Value.Value}' on a node above this line");
                return new YamlScalar(span, path, string.Empty, ScalarStyle.Plain, null, null) { Unresolved = true };
            }

            YamlNode node;
            AnchorName anchor;
            if (Events.TryConsume<Scalar>(out var scalar))
            {
                anchor = scalar.Anchor;
                node = MakeScalar(scalar, path);
            }
            else if (Events.TryConsume<MappingStart>(out var mappingStart))
            {
                anchor = mappingStart.Anchor;
                Enter(mappingStart);
                node = ReadMapping(mappingStart, path);
                _depth--;
            }
            else
            {
                var sequenceStart = Events.Consume<SequenceStart>();
                anchor = sequenceStart.Anchor;
                Enter(sequenceStart);
                node = ReadSequence(sequenceStart, path);
                _depth--;
            }

            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }

            return node;
        }

        private void Enter(ParsingEvent start)
        {
            if (++_depth > MaxDepth)
            {
                throw new YamlException(start.Start, start.End, $"the document nests mappings and lists deeper than {MaxDepth} levels");
            }
        }

        /// <summary>Number of nodes with aliases expanded, computed once per node.</summary>
        private long Size(YamlNode node)
        {
            if (!_sizes.TryGetValue(node, out var size))
            {
                size = 1 + node switch
                {
                    YamlMapping m => m.Entries.Sum(e => Size(e.Key) + Size(e.Value)),
                    YamlSequence q => q.Items.Sum(Size),
                    _ => 0,
                };
                _sizes[node] = size;
            }

            return size;
        }

        private YamlMapping ReadMapping(MappingStart start, string path)
        {
            var entries = new List<YamlEntry>();
            var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
            MappingEnd end;
            while (!Events.TryConsume(out end!))
            {
                var keyStart = Events.Current!;
                var keyNode = ReadNode(path);
                if (keyNode is not YamlScalar key)
                {
                    diagnostics.Add(DiagnosticCodes.ComplexKey, SpanOf(keyStart.Start, keyStart.End), path,
                        $"a mapping key must be a plain name, found {keyNode.KindName}",
                        "write keys as plain words, e.g. 'address: 127.0.0.1:9001'");
                    ReadNode(path);
                    continue;
                }

                var childPath = YamlNode.Child(path, key.Value);
                var value = ReadNode(childPath);
                if (seen.TryGetValue(key.Value, out var first))
                {
                    diagnostics.Add(DiagnosticCodes.DuplicateKey, key.Span, childPath,
                        $"key '{key.Value}' appears twice in this mapping (first at line {first.Span.Line})",
                        "YAML keeps only one of them; delete or rename one");
                    continue;
                }

                seen[key.Value] = key;
                entries.Add(new YamlEntry(key, value));
            }

            return new YamlMapping(SpanOf(start.Start, end.End), path, entries);
        }

        private YamlSequence ReadSequence(SequenceStart start, string path)
        {
            var items = new List<YamlNode>();
            SequenceEnd end;
            while (!Events.TryConsume(out end!))
            {
                items.Add(ReadNode(YamlNode.Item(path, items.Count)));
            }

            return new YamlSequence(SpanOf(start.Start, end.End), path, items);
        }

        private YamlScalar MakeScalar(Scalar scalar, string path)
        {
            var style = scalar.Style switch
            {
                CoreScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
                CoreScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
                CoreScalarStyle.Literal => ScalarStyle.Literal,
                CoreScalarStyle.Folded => ScalarStyle.Folded,
                _ => ScalarStyle.Plain,
            };
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            if (tag is "!!str")
            {
                tag = StrTag;
            }

            var span = SpanOf(scalar.Start, scalar.End);
            return new YamlScalar(span, path, scalar.Value, style, tag, ContentOffset(span, scalar.Value, style));
        }

        /// <summary>Offsets inside a value map onto columns only when the source spells the value out verbatim.</summary>
        private int? ContentOffset(SourceSpan span, string value, ScalarStyle style)
        {
            if (span.Line != span.EndLine || source.GetLine(span.Line) is not { } line || span.EndColumn - 1 > line.Length)
            {
                return null;
            }

            var raw = line[(span.Column - 1)..(span.EndColumn - 1)];
            return style switch
            {
                ScalarStyle.Plain when raw == value => 0,
                ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when raw.Length >= 2 && raw[1..^1] == value => 1,
                _ => null,
            };
        }

        /// <summary>
        /// Where a YAML error is. A tab used as indentation is reported by YamlDotNet either without a position or
        /// from the start of the scalar before it ("while scanning a plain scalar, found a tab ..."), so those point
        /// at the tab itself: the end mark, or where the scanner stopped.
        /// </summary>
        private SourceSpan ErrorSpan(YamlException ex)
        {
            if (ex.Start.Index == 0 && ex.End.Index == 0)
            {
                return SpanOf(_scanner.CurrentPosition, _scanner.CurrentPosition);
            }

            return ex.Message.Contains(" tab ", StringComparison.Ordinal) ? SpanOf(ex.End, ex.End) : SpanOf(ex.Start, ex.End);
        }

        /// <summary>The word that ends at <paramref name="end"/> on its line (the scanner stops just after a bad tag).</summary>
        private SourceSpan WordBefore(Mark end)
        {
            var line = (int)Math.Max(1, end.Line);
            var column = (int)Math.Max(1, end.Column);
            var text = source.GetLine(line) ?? string.Empty;
            var start = Math.Min(column - 1, text.Length);
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            return start + 1 < column ? new SourceSpan(source.File, line, start + 1, line, column) : new SourceSpan(source.File, line, column, line, column + 1);
        }

        private SourceSpan SpanOf(Mark start, Mark end) =>
            new(source.File, (int)Math.Max(1, start.Line), (int)Math.Max(1, start.Column), (int)Math.Max(1, end.Line), (int)Math.Max(1, end.Column));
    }

    private static string CleanMessage(string message)
    {
        var text = PositionPrefix().Replace(message, string.Empty).Trim();
        return text.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.');
    }

    private static string SyntaxHint(string message)
    {
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return "YAML indentation must use spaces, not tabs";
        }

        if (message.Contains("mapping values are not allowed", StringComparison.OrdinalIgnoreCase)
            || message.Contains("found invalid mapping", StringComparison.OrdinalIgnoreCase))
        {
            return "a value containing ': ' must be quoted, or the indentation of this line is off";
        }

        if (message.Contains("did not find expected", StringComparison.OrdinalIgnoreCase))
        {
            return "check the indentation and that every quote and bracket is closed";
        }

        return "fix the YAML syntax at this position; a YAML-aware editor with schemas/runbook.schema.json shows it as you type";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
