using RunbookEngine.Diagnostics;
using RunbookEngine.Format;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>
/// Checks a syntax tree against a <see cref="Shape"/>: unknown and missing keys, node kinds, empty lists.
/// Values (patterns, enums, versions) are checked by the builders, which know the specific code to use.
/// </summary>
internal sealed class ShapeChecker(ShapeSet shapes, DiagnosticBag diagnostics, ShapeCodes codes)
{
    /// <param name="owner">The key whose value this is; missing keys are reported there.</param>
    public void Check(YamlNode node, Shape shape, YamlScalar? owner = null)
    {
        if (node is YamlScalar { Unresolved: true })
        {
            return; // an alias to no anchor: reported once, as RB0007, not again as a value of the wrong type
        }

        shape = shapes.Resolve(shape);
        if (codes.AllowTemplates && node is YamlScalar s && s.Value.Contains("${{", StringComparison.Ordinal))
        {
            // Its type is known only after evaluation; the semantic checker infers what it can.
            return;
        }

        switch (shape)
        {
            case AnyShape:
                return;
            case UnionShape union:
                CheckUnion(node, union, owner);
                return;
            case ObjectShape obj when node is YamlMapping mapping:
                CheckObject(mapping, obj, owner);
                return;
            case MapShape map when node is YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    Check(entry.Value, map.Values, entry.Key);
                }

                return;
            case ListShape list when node is YamlSequence sequence:
                if (sequence.Items.Count < list.MinItems)
                {
                    diagnostics.Add(DiagnosticCodes.EmptyList, sequence.Span, sequence.Path,
                        $"'{LastSegment(sequence.Path)}' must have at least {list.MinItems} item{(list.MinItems == 1 ? string.Empty : "s")}",
                        "add an item, or remove the key");
                }

                foreach (var item in sequence.Items)
                {
                    Check(item, list.Items);
                }

                return;
            case ScalarShape scalarShape when node is YamlScalar scalar:
                if (!Accepts(scalarShape.Kind, scalar))
                {
                    ReportWrongType(node, shape);
                }
                else if (codes.AllowTemplates)
                {
                    // Document values get specific codes from the builders; activity inputs are checked only here.
                    CheckInputValue(scalar, scalarShape);
                }

                return;
            default:
                ReportWrongType(node, shape);
                return;
        }
    }

    private void CheckObject(YamlMapping mapping, ObjectShape shape, YamlScalar? owner)
    {
        // A misspelt required key is one mistake, not two: "unknown 'comand'; did you mean 'command'?" already says
        // what to do, so 'command' is not also reported missing (as a compiler stops at the first of a cascade).
        HashSet<string>? meant = null;
        foreach (var entry in mapping.Entries)
        {
            var field = shape.Find(entry.Key.Value);
            if (field is null)
            {
                var names = shape.Fields.Select(f => f.Name).ToList();
                diagnostics.Add(codes.UnknownKey, entry.Key.Span, YamlNode.Child(mapping.Path, entry.Key.Value),
                    $"unknown {codes.Noun} '{entry.Key.Value}'{Where(mapping.Path)}",
                    Suggestions.Hint(entry.Key.Value, names, $"valid {codes.Noun}s here"));
                if (Suggestions.Closest(entry.Key.Value, names) is { } close)
                {
                    (meant ??= new HashSet<string>(StringComparer.Ordinal)).Add(close);
                }

                continue;
            }

            Check(entry.Value, field.Shape, entry.Key);
        }

        foreach (var field in shape.Fields.Where(f => f.Required && mapping.Find(f.Name) is null && meant?.Contains(f.Name) != true))
        {
            var at = owner?.Span ?? (mapping.Entries.Count > 0 ? mapping.Entries[0].Key.Span : mapping.Span);
            diagnostics.Add(codes.MissingKey, at, YamlNode.Child(mapping.Path, field.Name),
                $"missing required {codes.Noun} '{field.Name}'{Where(mapping.Path)}",
                $"add '{field.Name}:' ({field.Description.TrimEnd('.')})");
        }
    }

    private void CheckInputValue(YamlScalar scalar, ScalarShape shape)
    {
        if (shape.Values is { Count: > 0 } values && !values.Contains(scalar.Value))
        {
            diagnostics.Add(codes.WrongType, scalar.Span, scalar.Path,
                $"'{LastSegment(scalar.Path)}' is '{Shorten(scalar.Value)}'; expected {shape.Expected}",
                Suggestions.Closest(scalar.Value, values) is { } close ? $"did you mean '{close}'?" : $"write {shape.Expected}");
        }
        else if (shape.Pattern == Durations.Pattern && !Durations.TryParse(scalar.Value, out _))
        {
            diagnostics.Add(codes.WrongType, scalar.Span, scalar.Path,
                $"'{LastSegment(scalar.Path)}' must be a duration, found '{Shorten(scalar.Value)}'", Durations.Hint);
        }
        else if (shape.Pattern is { } pattern && !System.Text.RegularExpressions.Regex.IsMatch(scalar.Value, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            diagnostics.Add(codes.WrongType, scalar.Span, scalar.Path,
                $"'{LastSegment(scalar.Path)}' is '{Shorten(scalar.Value)}', which does not match {pattern}", shape.Description ?? $"write {shape.Expected}");
        }
    }

    private void CheckUnion(YamlNode node, UnionShape union, YamlScalar? owner)
    {
        var options = union.Options.Select(shapes.Resolve).ToList();
        var match = node switch
        {
            YamlMapping => options.FirstOrDefault(o => o is ObjectShape or MapShape or AnyShape),
            YamlSequence => options.FirstOrDefault(o => o is ListShape or AnyShape),
            YamlScalar s => options.FirstOrDefault(o => o is AnyShape || o is ScalarShape sc && Accepts(sc.Kind, s)),
            _ => null,
        };
        if (match is null)
        {
            ReportWrongType(node, union);
            return;
        }

        Check(node, match, owner);
    }

    private static bool Accepts(ScalarKind kind, YamlScalar scalar) => kind switch
    {
        ScalarKind.Any => true,
        ScalarKind.Int => scalar.CoreValue is long,
        ScalarKind.Number => scalar.CoreValue is long or double,
        ScalarKind.Bool => scalar.CoreValue is bool,
        _ => !scalar.IsNull,
    };

    private void ReportWrongType(YamlNode node, Shape expected)
    {
        var found = node is YamlScalar { IsNull: true } ? "nothing" : node is YamlScalar s ? $"{s.KindName} ('{Shorten(s.Value)}')" : node.KindName;
        var key = LastSegment(node.Path);
        diagnostics.Add(codes.WrongType, FirstLine(node.Span), node.Path,
            $"{(key.Length == 0 ? "the document" : $"'{key}'")} must be {expected.Expected}, found {found}",
            Hint(expected));
    }

    private static string Hint(Shape expected) => expected switch
    {
        ObjectShape o => "write a mapping with keys: " + string.Join(", ", o.Fields.Select(f => f.Name)),
        ListShape => "write a list, one '- item' per line",
        _ => expected.Description ?? $"write {expected.Expected}",
    };

    private static SourceSpan FirstLine(SourceSpan span) =>
        span.EndLine == span.Line ? span : span with { EndLine = span.Line, EndColumn = span.Column + 1 };

    private static string Where(string path) => path.Length == 0 ? string.Empty : $" in {path}";

    private static string LastSegment(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
