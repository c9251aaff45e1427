using RunbookEngine.Model;
using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>A step with its place in the tree: what runs before it and which foreach loops enclose it.</summary>
internal sealed record StepScope(Step Step, StepScope? Parent, int Order, bool IsCompensation, YamlMapping Syntax)
{
    public IEnumerable<StepScope> Ancestors()
    {
        for (var p = Parent; p is not null; p = p.Parent)
        {
            yield return p;
        }
    }

    public bool IsAncestorOf(StepScope other) => other.Ancestors().Contains(this);

    /// <summary>
    /// The innermost foreach whose items are in scope here: this step's own, or an enclosing group's. A foreach whose
    /// expression has an error still counts, so that its 'item' references are not reported as a second mistake.
    /// </summary>
    public StepScope? ForeachScope(bool includeSelf) =>
        includeSelf && DeclaresForeach ? this : Ancestors().FirstOrDefault(a => a.DeclaresForeach);

    private bool DeclaresForeach => Step.Foreach is not null || Syntax.Find("foreach") is not null;
}
