namespace RunbookEngine.Simulators.DeviceDb;

/// <summary>Parses flags the way Go's flag package does (-name value, -name=value, --name; bool flags take no value).</summary>
public sealed class GoFlags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private GoFlags()
    {
    }

    public static GoFlags Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> known, IReadOnlyCollection<string>? boolFlags = null)
    {
        var flags = new GoFlags();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                break; // Go stops at the first non-flag argument.
            }

            var name = arg.TrimStart('-');
            string? value = null;
            if (name.IndexOf('=') is var eq and >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!known.Contains(name) && boolFlags?.Contains(name) != true)
            {
                throw new GoFlagException($"flag provided but not defined: -{name}\nUsage of {command}:");
            }

            if (value is null)
            {
                if (boolFlags?.Contains(name) == true)
                {
                    value = "true";
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new GoFlagException($"flag needs an argument: -{name}\nUsage of {command}:");
                }
            }

            flags._values[name] = value;
        }

        return flags;
    }

    public string String(string name, string fallback = "") => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new GoFlagException($"invalid value \"{text}\" for flag -{name}: parse error");
    }
}

/// <summary>A flag error: Go's flag package prints it and exits with 2.</summary>
public sealed class GoFlagException(string message) : Exception(message);
