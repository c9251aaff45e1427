namespace RunbookEngine.Journal;

/// <summary>
/// Identifies one execution of a step: its path (<c>restore/copy-data</c>; groups and called runbooks nest with
/// '/') and, for a step with <c>foreach</c>, the index of the item. Without foreach the item is null.
/// </summary>
internal readonly record struct StepKey(string Step, int? Item)
{
    public override string ToString() => Item is { } item ? $"{Step}[{item}]" : Step;
}
