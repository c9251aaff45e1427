namespace RunbookEngine.Activities.Config;

/// <summary>
/// An INI file as its lines, each kept verbatim with its own line ending, so that changing one key rewrites one line
/// and nothing else: comments (<c>;</c> or <c>#</c>), blank lines, order, indentation and spacing around <c>=</c>
/// stay as they were. Keys are <c>name = value</c> lines (Pegasus' config.ini style); everything after the first
/// <c>=</c> is the value, inline comments included, as the rDSN parser reads it. Names compare case-sensitively.
/// The empty section name means the lines before the first <c>[section]</c>.
/// </summary>
internal sealed class IniDocument
{
    private readonly List<Line> _lines;
    private readonly string _newLine;
    private readonly bool _endsWithNewLine;

    private IniDocument(List<Line> lines, string newLine, bool endsWithNewLine)
    {
        _lines = lines;
        _newLine = newLine;
        _endsWithNewLine = endsWithNewLine;
    }

    /// <summary>A change to one line, for the plan: 1-based line number (of the old file; of the new one for additions) and the texts.</summary>
    public sealed record LineChange(int Number, string? Before, string? After);

    public static IniDocument Parse(string text)
    {
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var parts = text.Split('\n');
        var endsWithNewLine = text.Length > 0 && text.EndsWith('\n');
        var lines = new List<Line>();
        for (var i = 0; i < (endsWithNewLine ? parts.Length - 1 : parts.Length); i++)
        {
            var part = parts[i];
            var carriageReturn = part.EndsWith('\r');
            lines.Add(new Line(carriageReturn ? part[..^1] : part, carriageReturn ? "\r\n" : "\n"));
        }

        if (text.Length == 0)
        {
            lines.Clear();
        }

        return new IniDocument(lines, newLine, endsWithNewLine || text.Length == 0);
    }

    public string Text
    {
        get
        {
            var text = new System.Text.StringBuilder();
            for (var i = 0; i < _lines.Count; i++)
            {
                text.Append(_lines[i].Text);
                if (i < _lines.Count - 1 || _endsWithNewLine)
                {
                    text.Append(_lines[i].Ending);
                }
            }

            return text.ToString();
        }
    }

    /// <summary>The value of the last <paramref name="key"/> line in <paramref name="section"/> (the one last-wins readers use), or null.</summary>
    public string? Get(string section, string key) =>
        KeyLines(section, key).Select(i => Value(_lines[i].Text)).LastOrDefault();

    /// <summary>
    /// Sets every <paramref name="key"/> line of the section (so readers that take the first and readers that take the
    /// last agree), or adds one after the section's last key, or adds the section at the end of the file.
    /// </summary>
    public IReadOnlyList<LineChange> Set(string section, string key, string value)
    {
        var existing = KeyLines(section, key).ToList();
        var changes = new List<LineChange>();
        foreach (var i in existing)
        {
            var old = _lines[i].Text;
            var updated = WithValue(old, value);
            if (updated != old)
            {
                _lines[i] = _lines[i] with { Text = updated };
                changes.Add(new LineChange(i + 1, old, updated));
            }
        }

        if (existing.Count > 0)
        {
            return changes;
        }

        var ranges = Sections(section).ToList();
        if (ranges.Count == 0)
        {
            return AddSection(section, key, value);
        }

        // After the last key line of the section's last occurrence: trailing blank lines and comments usually introduce the next section.
        var (first, end) = ranges[^1];
        var lastKey = Enumerable.Range(first, end - first).LastOrDefault(i => IsKey(_lines[i].Text), -1);
        var at = lastKey >= 0 ? lastKey + 1 : first;
        var indent = lastKey >= 0 ? _lines[lastKey].Text[..(_lines[lastKey].Text.Length - _lines[lastKey].Text.TrimStart().Length)] : string.Empty;
        var line = $"{indent}{key} = {value}";
        Insert(at, line);
        return [new LineChange(at + 1, null, line)];
    }

    /// <summary>Removes every <paramref name="key"/> line of the section; nothing when there is none.</summary>
    public IReadOnlyList<LineChange> Remove(string section, string key)
    {
        var changes = new List<LineChange>();
        foreach (var i in KeyLines(section, key).Reverse().ToList())
        {
            changes.Insert(0, new LineChange(i + 1, _lines[i].Text, null));
            _lines.RemoveAt(i);
        }

        return changes;
    }

    private List<LineChange> AddSection(string section, string key, string value)
    {
        var changes = new List<LineChange>();
        if (_lines.Count > 0 && !string.IsNullOrWhiteSpace(_lines[^1].Text))
        {
            Insert(_lines.Count, string.Empty);
        }

        if (section.Length > 0)
        {
            Insert(_lines.Count, $"[{section}]");
            changes.Add(new LineChange(_lines.Count, null, $"[{section}]"));
        }

        Insert(_lines.Count, $"{key} = {value}");
        changes.Add(new LineChange(_lines.Count, null, $"{key} = {value}"));
        return changes;
    }

    private void Insert(int index, string text)
    {
        // The line before a new last line gets an ending if the file had none.
        if (index == _lines.Count && index > 0 && !_endsWithNewLine)
        {
            _lines[^1] = _lines[^1] with { Ending = _newLine };
        }

        _lines.Insert(index, new Line(text, _newLine));
    }

    /// <summary>Indexes of the key's lines inside every occurrence of the section.</summary>
    private IEnumerable<int> KeyLines(string section, string key) =>
        Sections(section).SelectMany(r => Enumerable.Range(r.First, r.End - r.First)).Where(i => IsKey(_lines[i].Text) && Name(_lines[i].Text) == key);

    /// <summary>Each occurrence of the section as [first line after its header, next header).</summary>
    private IEnumerable<(int First, int End)> Sections(string section)
    {
        var current = string.Empty;
        var first = 0;
        for (var i = 0; i <= _lines.Count; i++)
        {
            var header = i < _lines.Count ? Header(_lines[i].Text) : null;
            if (i == _lines.Count || header is not null)
            {
                if (current == section)
                {
                    yield return (first, i);
                }

                current = header ?? string.Empty;
                first = i + 1;
            }
        }
    }

    private static string? Header(string line)
    {
        var trimmed = line.Trim();
        var close = trimmed.IndexOf(']', StringComparison.Ordinal);
        return trimmed.StartsWith('[') && close > 0 ? trimmed[1..close].Trim() : null;
    }

    private static bool IsKey(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Length > 0 && trimmed[0] is not (';' or '#' or '[') && trimmed.IndexOf('=', StringComparison.Ordinal) > 0;
    }

    private static string Name(string line) => line[..line.IndexOf('=', StringComparison.Ordinal)].Trim();

    private static string Value(string line) => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();

    /// <summary>The line with a new value, keeping the key as written and the spacing after '='.</summary>
    private static string WithValue(string line, string value)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal) + 1;
        var rest = line[equals..];
        var spaces = rest.Length - rest.TrimStart().Length;

        // "key =" had no value to take the spacing from: space it like the key side.
        var gap = rest.Trim().Length == 0 && equals > 1 && char.IsWhiteSpace(line[equals - 2]) ? " " : string.Empty;
        return value.Length == 0 ? line[..equals] : line[..(equals + (rest.Trim().Length == 0 ? 0 : spaces))] + gap + value;
    }

    private sealed record Line(string Text, string Ending);
}
