namespace RunbookEngine.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
