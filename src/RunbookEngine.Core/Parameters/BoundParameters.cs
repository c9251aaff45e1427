using RunbookEngine.Expressions;

namespace RunbookEngine.Parameters;

/// <summary>Typed parameter values of a run, in declaration order. Secrets are <see cref="SecretValue"/>s.</summary>
internal sealed class BoundParameters(IReadOnlyList<KeyValuePair<string, object?>> values)
{
    public IReadOnlyList<KeyValuePair<string, object?>> Values { get; } = values;

    public IReadOnlyDictionary<string, object?> AsDictionary() => Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
