using System.Text;

namespace RunbookEngine.Simulators.DeviceDb;

/// <summary>
/// The olekukonko/tablewriter layout devicedb's `cluster overview` prints (seed 001 "Restore Example"): upper-case centred
/// headers, numbers right-aligned, one space of padding, and a footer whose empty cells merge into one blank span.
/// </summary>
public static class Table
{
    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<string> footer)
    {
        var widths = headers.Select((h, i) => new[] { h.Length }
            .Concat(rows.Select(r => r[i].Length))
            .Append(footer[i].Length)
            .Max() + 2).ToArray();
        var border = "+" + string.Join("+", widths.Select(w => new string('-', w))) + "+";
        var text = new StringBuilder();
        text.Append(border).Append('\n');
        text.Append('|').Append(string.Join("|", headers.Select((h, i) => Center(h.ToUpperInvariant(), widths[i])))).Append("|\n");
        text.Append(border).Append('\n');
        foreach (var row in rows)
        {
            text.Append('|').Append(string.Join("|", row.Select((c, i) => IsNumber(c) ? " " + c.PadLeft(widths[i] - 2) + " " : " " + c.PadRight(widths[i] - 2) + " "))).Append("|\n");
        }

        text.Append(border).Append('\n');

        // Empty footer cells: no separator after them, so they read as one blank span.
        text.Append('|');
        for (var i = 0; i < footer.Count; i++)
        {
            if (footer[i].Length == 0)
            {
                text.Append(new string(' ', widths[i] + 1));
            }
            else
            {
                text.Append(' ').Append(footer[i].PadLeft(widths[i] - 2)).Append(" |");
            }
        }

        text.Append('\n').Append(border).Append('\n');
        return text.ToString();
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static string Center(string text, int width)
    {
        var left = (width - text.Length) / 2;
        return new string(' ', left) + text + new string(' ', width - text.Length - left);
    }
}
