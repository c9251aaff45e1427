using System.Globalization;
using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Pegasus.Parsing;

/// <summary>A table as <c>ls</c> prints it in [general_info].</summary>
public sealed record AppRow
{
    public int AppId { get; init; }

    public string Status { get; init; } = string.Empty;

    public string AppName { get; init; } = string.Empty;

    public int PartitionCount { get; init; }

    public int ReplicaCount { get; init; }
}

/// <summary>What one shell session running <c>cluster_info</c> then <c>ls</c> said (systems.md §2.2 step 3, §2.6).</summary>
internal sealed record ShellStatus(
    string? ClusterInfoError,
    IReadOnlyDictionary<string, string> ClusterInfo,
    string? ListError,
    IReadOnlyList<AppRow>? Apps)
{
    private static readonly Regex Failure = new(@"^(?<what>get cluster info|list apps) failed, error=(?<err>ERR_[A-Z_]+)", RegexOptions.CultureInvariant);
    private static readonly Regex KeyValue = new(@"^(?<key>[a-z_]+)\s*: (?<value>.*)$", RegexOptions.CultureInvariant);

    /// <summary>Parses the output; throws <see cref="FormatException"/> when it shows neither an answer nor a known failure.</summary>
    public static ShellStatus Parse(string stdout)
    {
        string? infoError = null, listError = null;
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        List<AppRow>? apps = null;
        string? section = null;
        string[]? header = null;
        foreach (var raw in stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (Failure.Match(line) is { Success: true } failure)
            {
                if (failure.Groups["what"].Value == "list apps")
                {
                    listError = failure.Groups["err"].Value;
                }
                else
                {
                    infoError = failure.Groups["err"].Value;
                }

                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                header = null;
                if (section == "general_info")
                {
                    apps = [];
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            switch (section)
            {
                case "cluster_info" when KeyValue.Match(line) is { Success: true } kv:
                    info[kv.Groups["key"].Value] = kv.Groups["value"].Value.Trim();
                    break;
                case "general_info" when header is null:
                    header = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (!header.Contains("app_id") || !header.Contains("app_name") || !header.Contains("status"))
                    {
                        throw new FormatException($"the [general_info] header is not the one ls prints: '{line}'");
                    }

                    break;
                case "general_info":
                    apps!.Add(Row(header, line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                    break;
            }
        }

        var answered = infoError is not null || listError is not null || info.Count > 0 || apps is not null;
        if (!answered)
        {
            throw new FormatException("the shell printed neither cluster_info/ls results nor a known error");
        }

        return new ShellStatus(infoError, info, listError, apps);
    }

    private static AppRow Row(string[] header, string[] cells)
    {
        if (cells.Length != header.Length)
        {
            throw new FormatException($"an ls row has {cells.Length} columns, the header {header.Length}: '{string.Join(' ', cells)}'");
        }

        string Cell(string name) => cells[Array.IndexOf(header, name)];
        int Number(string name) => Array.IndexOf(header, name) < 0 ? 0
            : int.TryParse(Cell(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new FormatException($"ls column {name} is not a number: '{Cell(name)}'");
        return new AppRow
        {
            AppId = Number("app_id"),
            Status = Cell("status"),
            AppName = Cell("app_name"),
            PartitionCount = Number("partition_count"),
            ReplicaCount = Number("replica_count"),
        };
    }
}
