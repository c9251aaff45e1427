using RunbookEngine.Diagnostics;
using RunbookEngine.Syntax;

namespace RunbookEngine.Cli.Output;

/// <summary>
/// Prints diagnostics the way compilers do: <c>path:line:col: error RB0123: message</c>, the source line with
/// the span underlined, and the hint. Colour only on a terminal.
/// </summary>
internal sealed class DiagnosticPrinter(TextWriter writer, bool color)
{
    private const string Red = "\u001b[31;1m";
    private const string Yellow = "\u001b[33;1m";
    private const string Cyan = "\u001b[36m";
    private const string Bold = "\u001b[1m";
    private const string Reset = "\u001b[0m";

    /// <summary>The most characters of a source line shown under a diagnostic.</summary>
    private const int MaxShown = 160;

    public void Print(IEnumerable<Diagnostic> diagnostics, IReadOnlyList<SourceText> sources)
    {
        foreach (var d in diagnostics)
        {
            Print(d, sources.FirstOrDefault(s => s.File == d.Span.File));
        }
    }

    private void Print(Diagnostic d, SourceText? source)
    {
        var severity = d.IsError ? Paint("error", Red) : Paint("warning", Yellow);
        writer.WriteLine($"{Paint(d.Span.ToString(), Bold)}: {severity} {d.Code}: {d.Message}");
        if (d.Span.HasPosition && source?.GetLine(d.Span.Line) is { } line)
        {
            var number = d.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var gutter = new string(' ', number.Length);
            var text = line.Replace('\t', ' ');
            var start = Math.Clamp(d.Span.Column - 1, 0, text.Length);
            var length = Math.Clamp(d.Span.UnderlineLength, 1, Math.Max(1, text.Length - start));
            if (d.Sensitive)
            {
                // Point at the secret without printing it: a CI log is no place for it, even though the file has it.
                var masked = Math.Min(length, text.Length - start);
                text = string.Concat(text.AsSpan(0, start), new string('*', masked), text.AsSpan(start + masked));
            }

            (text, start, length) = Clip(text, start, length);
            writer.WriteLine($"{gutter} {Paint("|", Cyan)}");
            writer.WriteLine($"{number} {Paint("|", Cyan)} {text}");
            writer.WriteLine($"{gutter} {Paint("|", Cyan)} {new string(' ', start)}{Paint(new string('^', length), d.IsError ? Red : Yellow)}");
        }

        if (d.Hint is { Length: > 0 } hint)
        {
            writer.WriteLine($"  {Paint("= hint:", Cyan)} {hint}");
        }

        writer.WriteLine();
    }

    /// <summary>
    /// A line longer than <see cref="MaxShown"/> (minified JSON, a generated list) is shown as a window around the
    /// span, with "…" where it was cut, so one mistake does not print a screenful.
    /// </summary>
    internal static (string Text, int Start, int Length) Clip(string text, int start, int length)
    {
        if (text.Length <= MaxShown)
        {
            return (text, start, length);
        }

        var from = Math.Max(0, start - (MaxShown / 3));
        var to = Math.Min(text.Length, from + MaxShown);
        from = Math.Max(0, to - MaxShown);
        var before = from > 0 ? "…" : string.Empty;
        var after = to < text.Length ? "…" : string.Empty;
        return (before + text[from..to] + after, start - from + before.Length, Math.Clamp(length, 1, Math.Max(1, to - start)));
    }

    private string Paint(string text, string code) => color ? code + text + Reset : text;
}
