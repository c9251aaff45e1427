using RunbookEngine.Diagnostics;
using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>What loading one file gave: the runbook when it has no errors, and every diagnostic either way.</summary>
/// <param name="Metadata">Built even when other parts have errors, so the catalog can still index the file.</param>
internal sealed record LoadResult(
    SourceText? Source,
    Runbook? Runbook,
    RunbookMetadata? Metadata,
    YamlMapping? Root,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Runbook is null || Diagnostics.Any(d => d.IsError);
}
