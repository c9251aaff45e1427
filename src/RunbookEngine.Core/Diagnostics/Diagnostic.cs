namespace RunbookEngine.Diagnostics;

/// <summary>One problem found in user input, reported the way a compiler would.</summary>
/// <param name="YamlPath">Where in the document, e.g. <c>steps[2].with.port</c>; empty for the document itself.</param>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    SourceSpan Span,
    string YamlPath,
    string Message,
    string? Hint = null)
{
    public string Code => Descriptor.Code;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The span holds a secret (a secret default someone wrote into a runbook): printers mask it.</summary>
    public bool Sensitive { get; init; }

    public override string ToString() =>
        $"{Span}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
