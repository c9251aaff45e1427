namespace RunbookEngine.Activities.Pegasus.Parsing;

/// <summary>Reads the meta server's config.ini the way rDSN does for the keys recovery depends on (systems.md §2.1).</summary>
internal sealed class MetaConfig
{
    private readonly Dictionary<(string Section, string Key), string> _values = [];

    public static MetaConfig Parse(string text)
    {
        var config = new MetaConfig();
        var section = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is ';' or '#')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq > 0)
            {
                config._values[(section, line[..eq].Trim())] = line[(eq + 1)..].Trim();
            }
        }

        return config;
    }

    public string? Get(string section, string key) => _values.GetValueOrDefault((section, key));
}
