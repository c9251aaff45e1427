using RunbookEngine.Diagnostics;

namespace RunbookEngine.Parameters;

/// <param name="Sources">
/// The list and object values given with -p, as sources named <c>-p &lt;name&gt;</c>, so a printer can show the value
/// with the mistake underlined. Values that may hold a secret are not among them.
/// </param>
internal sealed record BindResult(BoundParameters? Parameters, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Syntax.SourceText>? Sources = null)
{
    public IReadOnlyList<Syntax.SourceText> ArgumentSources => Sources ?? [];

    public bool Success => Parameters is not null;
}
