using RunbookEngine.Diagnostics;

namespace RunbookEngine.Parameters;

internal sealed record BindResult(BoundParameters? Parameters, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => Parameters is not null;
}
