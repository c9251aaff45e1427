using RunbookEngine.Format;

namespace RunbookEngine.Activities;

/// <summary>One input or output of an activity, as declared by its typed record.</summary>
public sealed record ActivityField(string Name, Shape Shape, bool Required, string? Description);
