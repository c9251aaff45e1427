using RunbookEngine.Diagnostics;

namespace RunbookEngine.Model;

/// <summary>A declared parameter (or a field of an object type).</summary>
/// <param name="Default">The default, already converted to the parameter's type; meaningful when <paramref name="HasDefault"/>.</param>
internal sealed record ParameterDefinition(
    string Name,
    ParameterType Type,
    bool Required,
    bool HasDefault,
    object? Default,
    string? Description,
    SourceSpan Span);

/// <summary>A named object type declared under <c>types:</c>.</summary>
internal sealed record ObjectType(string Name, string? Description, IReadOnlyList<ParameterDefinition> Properties, SourceSpan Span);
