using RunbookEngine.Diagnostics;

namespace RunbookEngine.Model;

/// <summary>A loaded, checked runbook. Immutable: the engine pins it for the whole run.</summary>
internal sealed record Runbook(
    string File,
    string Text,
    RunbookMetadata Metadata,
    IReadOnlyList<ObjectType> Types,
    IReadOnlyList<ParameterDefinition> Parameters,
    IReadOnlyList<RunbookOutput> Outputs,
    IReadOnlyList<Step> Steps,
    IReadOnlyList<Step> Compensations)
{
    private string? _contentHash;

    /// <summary>
    /// SHA-256 of the text, which a run pins. Computed on first use: initialising the platform's crypto
    /// library costs more than validating a runbook (docs/benchmarks.md), and validation never needs it.
    /// </summary>
    public string ContentHash => _contentHash ??= Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text)));

    public string Name => Metadata.Name;

    public SemVersion Version => Metadata.Version;

    /// <summary><c>name@version</c>, the way runs and references print it.</summary>
    public string Identity => $"{Metadata.Name}@{Metadata.Version}";

    public ParameterDefinition? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>Every step in execution order (groups before their children), then the compensations.</summary>
    public IEnumerable<Step> AllSteps() => Flatten(Steps).Concat(Flatten(Compensations));

    public Step? FindStep(string id) => AllSteps().FirstOrDefault(s => s.Id == id);

    private static IEnumerable<Step> Flatten(IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            yield return step;
            if (step is GroupStep group)
            {
                foreach (var inner in Flatten(group.Steps))
                {
                    yield return inner;
                }
            }
        }
    }
}

internal sealed record RunbookMetadata(string Name, SemVersion Version, string Title, string? Description, SourceReference? Source);

/// <summary>The document and section a procedure was taken from.</summary>
internal sealed record SourceReference(string Document, string? Section, string? Url)
{
    public override string ToString() => Section is null ? Document : $"{Document}#{Section}";
}

internal sealed record RunbookOutput(string Name, Expressions.Template Value, string? Description, SourceSpan Span);
