namespace RunbookEngine.Expressions;

/// <summary>Kinds of values an expression can produce; used for static checks before a runbook runs.</summary>
public enum ValueKind
{
    /// <summary>Not known statically.</summary>
    Any,
    Null,
    Bool,
    Int,
    /// <summary>A non-integral number (double). Int and Number compare with each other.</summary>
    Number,
    String,
    List,
    Map,
    Secret,
}
