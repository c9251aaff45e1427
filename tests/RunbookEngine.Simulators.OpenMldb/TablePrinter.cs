using System.Text;

namespace RunbookEngine.Simulators.OpenMldb;

/// <summary>
/// baidu/common src/tprinter.cc <c>TPrinter::Print(true)</c> as described in systems.md 1.2: each cell is two spaces
/// and the value padded to the column width (longest value, header included); empty cells print <c>-</c>; the header
/// is followed by a dash line of sum(2+width)+2 characters; no rows prints only the header and the dashes.
/// </summary>
public static class TablePrinter
{
    public static string Print(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Select(r => r.Select(c => c.Length == 0 ? "-" : c).ToList()).ToList();
        var widths = header.Select((h, i) => Math.Min(256, all.Select(r => r[i].Length).Append(h.Length).Max())).ToList();
        var text = new StringBuilder();
        Line(text, header, widths);
        text.Append('-', widths.Sum(w => w + 2) + 2).Append('\n');
        foreach (var row in all)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            text.Append("  ").Append(cells[i].PadRight(widths[i]));
        }

        text.Append('\n');
    }
}
