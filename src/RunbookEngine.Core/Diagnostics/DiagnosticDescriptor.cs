namespace RunbookEngine.Diagnostics;

/// <summary>A stable diagnostic code. Codes are never reused or renumbered: scripts and docs depend on them.</summary>
public sealed record DiagnosticDescriptor(string Code, string Title, DiagnosticSeverity Severity = DiagnosticSeverity.Error);
