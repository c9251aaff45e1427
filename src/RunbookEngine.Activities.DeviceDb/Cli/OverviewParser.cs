using System.Globalization;

namespace RunbookEngine.Activities.DeviceDb.Cli;

/// <summary>One row of the overview's Nodes table.</summary>
internal sealed record OverviewNode(string Id, string Host, int Port, int Capacity);

/// <summary>The Nodes table of `cluster overview` with its footer.</summary>
internal sealed record Overview(IReadOnlyList<OverviewNode> Nodes, int Partitions, int ReplicationFactor);

/// <summary>
/// Reads the tablewriter tables `cluster overview` prints to stdout (systems.md §3.6; titles go to stderr, so the
/// Partitions and Tokens tables, when present, come first in the same stream). Only the table whose header is
/// NODE ID | HOST | PORT | CAPACITY % is used; its footer gives PARTITIONS and REPLICATION FACTOR.
/// </summary>
internal static class OverviewParser
{
    /// <summary>Null when no well-formed Nodes table is found.</summary>
    public static Overview? Parse(string stdout)
    {
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToList();
        var header = lines.FindIndex(l => l.StartsWith('|') && Cells(l) is ["NODE ID", "HOST", "PORT", "CAPACITY %"]);
        if (header < 0 || header + 1 >= lines.Count || !IsBorder(lines[header + 1]))
        {
            return null;
        }

        var nodes = new List<OverviewNode>();
        var i = header + 2;
        for (; i < lines.Count && lines[i].StartsWith('|'); i++)
        {
            if (Cells(lines[i]) is not [var id, var host, var portText, var capacityText]
                || id.Length == 0 || !id.All(char.IsAsciiDigit)
                || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || !int.TryParse(capacityText, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity))
            {
                return null;
            }

            nodes.Add(new OverviewNode(id, host, port, capacity));
        }

        if (i >= lines.Count || !IsBorder(lines[i]) || i + 1 >= lines.Count)
        {
            return null;
        }

        var footer = Cells(lines[i + 1]);
        var partitions = footer.Select(c => Number(c, "PARTITIONS:")).FirstOrDefault(n => n is not null);
        var factor = footer.Select(c => Number(c, "REPLICATION FACTOR:")).FirstOrDefault(n => n is not null);
        return partitions is null || factor is null ? null : new Overview(nodes, partitions.Value, factor.Value);
    }

    private static int? Number(string cell, string label) =>
        cell.StartsWith(label, StringComparison.Ordinal) && int.TryParse(cell[label.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static bool IsBorder(string line) => line.Length > 1 && line[0] == '+' && line.All(c => c is '+' or '-');

    private static string[] Cells(string line) =>
        line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
