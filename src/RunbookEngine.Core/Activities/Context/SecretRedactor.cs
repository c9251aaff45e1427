using RunbookEngine.Expressions;

namespace RunbookEngine.Activities.Context;

/// <summary>
/// Replaces the run's secret texts with <c>***</c> in any string. The input binder hands activities secrets as
/// plain strings (a password must reach the target system), so from then on only this stands between the
/// secret and a log line, a plan or a captured stdout.
/// </summary>
public sealed class SecretRedactor
{
    private const string Mask = "***";
    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole rather than leaving its remainder.
        _secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    /// <summary>A redactor for every <see cref="SecretValue"/> found anywhere in <paramref name="values"/> (lists and maps included).</summary>
    public static SecretRedactor For(params object?[] values)
    {
        var found = new List<string>();
        foreach (var value in values)
        {
            Collect(value, found);
        }

        return new SecretRedactor(found);
    }

    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>Length of the longest secret: text cut to a size limit must be redacted before it is cut, with this much slack.</summary>
    public int LongestSecret => _secrets.Length == 0 ? 0 : _secrets[0].Length;

    /// <summary>This redactor plus <paramref name="more"/> secrets, e.g. a token an activity obtained at run time.</summary>
    public SecretRedactor With(IEnumerable<string> more) => new(_secrets.Concat(more));

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>A redacted copy of a list of strings, e.g. a command line for a plan.</summary>
    public IReadOnlyList<string> Redact(IEnumerable<string> texts) => texts.Select(Redact).ToList();

    private static void Collect(object? value, List<string> found)
    {
        switch (value)
        {
            case SecretValue secret:
                found.Add(secret.Reveal());
                break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var item in map.Values)
                {
                    Collect(item, found);
                }

                break;
            case IEnumerable<object?> list:
                foreach (var item in list)
                {
                    Collect(item, found);
                }

                break;
        }
    }
}
