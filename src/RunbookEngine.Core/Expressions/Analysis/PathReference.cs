namespace RunbookEngine.Expressions.Analysis;

/// <summary>
/// A property path rooted at a context name, as far as it is known without running: <c>steps.latest.outputs.address</c>
/// gives root <c>steps</c> and segments latest, outputs, address. A dynamic index (<c>steps[params.name]</c>) ends
/// the known part and sets <see cref="IsTruncated"/>.
/// </summary>
/// <param name="Offset">Start of the root name in the source text.</param>
/// <param name="Length">Length from the root to the end of the last known segment.</param>
internal sealed record PathReference(
    string Root,
    IReadOnlyList<PathSegment> Segments,
    bool IsTruncated,
    int Offset,
    int Length)
{
    /// <summary>Root followed by each segment's text, e.g. ["steps", "latest", "outputs", "address"].</summary>
    public IReadOnlyList<string> Path => [Root, .. Segments.Select(s => s.Text)];

    public int RootLength => Root.Length;

    public override string ToString() => Root + string.Concat(Segments.Select(s => s.ToString())) + (IsTruncated ? "[...]" : string.Empty);
}
