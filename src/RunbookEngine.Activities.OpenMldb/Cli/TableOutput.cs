using System.Globalization;

namespace RunbookEngine.Activities.OpenMldb.Cli;

/// <summary>
/// Reads the table every ns/tablet command prints (baidu/common tprinter, systems.md 1.2): a header line, a dash line,
/// then one whitespace-separated row per line. Columns are found by header name, never by position, so both the old
/// 11-column showtable layout of the docs and the HEAD layout parse (tools/openmldb_migrate.py indexed p[8] and broke
/// when the layout changed in May 2021). Anything else is a <see cref="FormatException"/> naming what was wrong.
/// </summary>
internal sealed class TableOutput
{
    private readonly Dictionary<string, int> _columns;

    private TableOutput(Dictionary<string, int> columns, IReadOnlyList<string[]> rows)
    {
        _columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string[]> Rows { get; }

    public static TableOutput Parse(string text, params string[] requiredColumns)
    {
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var dash = Array.FindIndex(lines, l => l.StartsWith("------", StringComparison.Ordinal));
        if (dash < 1)
        {
            throw new FormatException($"expected a table (header and a line of dashes) but got: {Excerpt(text)}");
        }

        var header = lines[dash - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"the table has no column {string.Join(", ", missing)} (columns: {string.Join(" ", header)})");
        }

        var rows = new List<string[]>();
        foreach (var line in lines.Skip(dash + 1).Where(l => l.Trim().Length > 0))
        {
            var cells = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != header.Length)
            {
                throw new FormatException($"row has {cells.Length} cells but the header has {header.Length}: '{line.Trim()}'");
            }

            rows.Add(cells);
        }

        return new TableOutput(columns, rows);
    }

    public string Cell(string[] row, string column) => row[_columns[column]];

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>An integer cell; <c>-</c> (the printer's empty cell) is null.</summary>
    public long? Long(string[] row, string column)
    {
        var text = Cell(row, column);
        if (text == "-")
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"column {column} should be a number but is '{text}'");
    }

    public static string Excerpt(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "(no output)" : trimmed.Length > 200 ? $"'{trimmed[..200]}…'" : $"'{trimmed}'";
    }
}
