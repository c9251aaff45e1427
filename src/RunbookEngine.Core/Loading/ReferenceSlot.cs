namespace RunbookEngine.Loading;

/// <summary>Which part of a step an expression sits in; each part sees a different scope.</summary>
internal enum ReferenceSlot
{
    /// <summary>foreach: evaluated once, before the items exist, so only enclosing loops' item is in scope.</summary>
    Foreach,

    /// <summary>when and with: evaluated per item.</summary>
    Body,

    /// <summary>outputs: evaluated after the step; result and (for groups) inner steps are in scope.</summary>
    Outputs,

    /// <summary>approval: asked once before the step, so only enclosing loops' item is in scope.</summary>
    Approval,

    /// <summary>The runbook's own outputs, evaluated at the end.</summary>
    RunbookOutputs,
}
