using System.Collections;

namespace RunbookEngine.Diagnostics;

/// <summary>Collects every problem of one operation so users see them all at once.</summary>
public sealed class DiagnosticBag : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = [];

    public int Count => _items.Count;

    public Diagnostic this[int index] => _items[index];

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void Add(DiagnosticDescriptor descriptor, SourceSpan span, string path, string message, string? hint = null) =>
        _items.Add(new Diagnostic(descriptor, span, path, message, hint));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Sorted by file, line and column, duplicates removed: the order users read them in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Distinct()
            .OrderBy(d => d.Span.File, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();

    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
