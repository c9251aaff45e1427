namespace RunbookEngine.Simulators.Dragonboat;

/// <summary>Go flag-package parsing (<c>-name value</c>, <c>-name=value</c>, <c>--name</c>), as the Go wrapper tool has.</summary>
public sealed class Flags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Flags(IEnumerable<string> args, IReadOnlySet<string> known, IReadOnlySet<string>? booleans = null)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith('-') || arg == "-" || arg == "--")
            {
                throw new SimUsageException($"unexpected argument: {arg}");
            }

            var name = arg.TrimStart('-');
            string? value = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!known.Contains(name))
            {
                // The Go flag package's own message.
                throw new SimUsageException($"flag provided but not defined: -{name}");
            }

            if (booleans?.Contains(name) == true)
            {
                _values[name] = value ?? "true";
                continue;
            }

            if (value is null)
            {
                if (i + 1 >= list.Count)
                {
                    throw new SimUsageException($"flag needs an argument: -{name}");
                }

                value = list[++i];
            }

            _values[name] = value;
        }
    }

    public string Get(string name, string fallback = "") => _values.GetValueOrDefault(name, fallback);

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new SimUsageException($"-{name} is required");

    public ulong UInt(string name, ulong fallback = 0) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : ulong.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new SimUsageException($"invalid value \"{text}\" for flag -{name}: parse error");

    public double Double(string name, double fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new SimUsageException($"invalid value \"{text}\" for flag -{name}: parse error");

    public bool Bool(string name) => _values.TryGetValue(name, out var text) && text is "true" or "1";
}
