namespace RunbookEngine.Syntax;

/// <summary>A file's text with its lines, kept so diagnostics can quote the offending line.</summary>
public sealed class SourceText
{
    private string[]? _lines;

    public SourceText(string file, string text)
    {
        File = file;
        Text = text;
    }

    public string File { get; }

    public string Text { get; }

    public IReadOnlyList<string> Lines => _lines ??= Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>The 1-based line, or null when out of range.</summary>
    public string? GetLine(int line) => line >= 1 && line <= Lines.Count ? Lines[line - 1] : null;
}
