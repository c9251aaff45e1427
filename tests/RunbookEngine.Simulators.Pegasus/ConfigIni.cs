namespace RunbookEngine.Simulators.Pegasus;

/// <summary>Just enough of rDSN's config reader for the meta's [meta_server] keys: sections, key = value, ; and # comments.</summary>
public sealed class ConfigIni
{
    private readonly Dictionary<(string, string), string> _values = [];

    public static ConfigIni Read(string path)
    {
        var ini = new ConfigIni();
        if (!File.Exists(path))
        {
            return ini;
        }

        var section = string.Empty;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is ';' or '#')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim();
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq > 0)
            {
                ini._values[(section, line[..eq].Trim())] = line[(eq + 1)..].Trim();
            }
        }

        return ini;
    }

    public string? Get(string section, string key) => _values.GetValueOrDefault((section, key));
}
