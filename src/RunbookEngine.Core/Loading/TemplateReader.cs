using RunbookEngine.Diagnostics;
using RunbookEngine.Expressions;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>Parses the expressions inside YAML values at load time, mapping their errors to file positions.</summary>
internal sealed class TemplateReader(DiagnosticBag diagnostics)
{
    /// <summary>Every template read, with the scalar it came from, for the reference checks that follow.</summary>
    public List<(Template Template, YamlScalar Scalar)> All { get; } = [];

    public Template? Read(YamlScalar scalar)
    {
        var result = Template.Parse(scalar.Value);
        foreach (var error in result.Errors)
        {
            diagnostics.Add(DiagnosticCodes.ExpressionSyntax, scalar.SpanOf(error.Offset, error.Length), scalar.Path,
                error.Message, error.Hint ?? "see docs/expressions.md for the expression syntax");
        }

        if (!result.Success)
        {
            return null;
        }

        All.Add((result.Template, scalar));
        return result.Template;
    }

    /// <summary>A value whose scalars may hold expressions (with:, foreach: lists).</summary>
    public ValueTemplate? ReadValue(YamlNode node)
    {
        switch (node)
        {
            case YamlScalar scalar when scalar.Value.Contains("${{", StringComparison.Ordinal):
                return Read(scalar) is { } template ? new TemplateValue(template, scalar) : null;
            case YamlScalar scalar:
                return new LiteralValue(scalar.CoreValue, scalar.Span);
            case YamlSequence sequence:
                var items = sequence.Items.Select(ReadValue).ToList();
                return items.Contains(null) ? null : new ListValue(items!, sequence.Span);
            case YamlMapping mapping:
                // Read every entry even after a failure so all expression errors are reported at once. A plain loop:
                // LINQ over (string, value) tuples is JIT-compiled at run time, ReadyToRun has no code for it.
                var entries = new List<KeyValuePair<string, ValueTemplate>>(mapping.Entries.Count);
                var failed = false;
                foreach (var entry in mapping.Entries)
                {
                    if (ReadValue(entry.Value) is { } value)
                    {
                        entries.Add(new KeyValuePair<string, ValueTemplate>(entry.Key.Value, value));
                    }
                    else
                    {
                        failed = true;
                    }
                }

                return failed ? null : new MapValue(entries, mapping.Span);
            default:
                return null;
        }
    }
}
