namespace RunbookEngine.Expressions;

/// <summary>
/// A string that must never reach logs, reports or error messages in clear text.
/// The wrapper travels through expressions so that anything built from a secret stays redacted.
/// </summary>
public sealed class SecretValue : IEquatable<SecretValue>
{
    private const string Redacted = "***";
    private readonly string _value;

    public SecretValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The clear text. Call only at the point where the secret is actually handed to a target system.</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;

    public bool Equals(SecretValue? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SecretValue other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
