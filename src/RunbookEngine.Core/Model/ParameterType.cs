namespace RunbookEngine.Model;

/// <summary>The type of a parameter, of a list's items, or of an object's field, with its constraints.</summary>
internal sealed record ParameterType(ParameterKind Kind)
{
    /// <summary>Name of the named type from <c>types:</c> this came from, if any.</summary>
    public string? TypeName { get; init; }

    public IReadOnlyList<object?>? AllowedValues { get; init; }

    public string? Pattern { get; init; }

    public long? Min { get; init; }

    public long? Max { get; init; }

    public ParameterType? Items { get; init; }

    public IReadOnlyList<ParameterDefinition>? Properties { get; init; }

    /// <summary>How the type reads in help and errors: <c>int</c>, <c>list&lt;node&gt;</c>, <c>enum(voter|standby)</c>.</summary>
    public string DisplayName => Kind switch
    {
        ParameterKind.List => $"list<{Items?.DisplayName ?? "string"}>",
        ParameterKind.Object => TypeName ?? "object",
        ParameterKind.Enum => $"enum({string.Join('|', AllowedValues ?? [])})",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
