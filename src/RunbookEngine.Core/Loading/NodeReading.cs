using RunbookEngine.Syntax;

namespace RunbookEngine.Loading;

/// <summary>Tolerant accessors: the shape checker has already reported wrong kinds, so builders just skip them.</summary>
internal static class NodeReading
{
    public static string? Text(this YamlMapping mapping, string key) =>
        mapping[key] is YamlScalar { IsNull: false } s ? s.Value : null;

    public static YamlScalar? Scalar(this YamlMapping mapping, string key) =>
        mapping[key] as YamlScalar;

    public static YamlMapping? Mapping(this YamlMapping mapping, string key) => mapping[key] as YamlMapping;

    public static YamlSequence? Sequence(this YamlMapping mapping, string key) => mapping[key] as YamlSequence;

    public static bool? Bool(this YamlMapping mapping, string key) =>
        mapping[key] is YamlScalar { CoreValue: bool b } ? b : null;

    public static long? Int(this YamlMapping mapping, string key) =>
        mapping[key] is YamlScalar { CoreValue: long l } ? l : null;
}
