using System.Globalization;
using System.Text.RegularExpressions;

namespace RunbookEngine.Activities.Dragonboat.Tool;

/// <summary>The exported snapshot as <c>inspect-snapshot</c> prints it.</summary>
internal sealed record SnapshotFacts(string Path, long ShardId, long Index, long Term, string PayloadFile, long PayloadBytes, IReadOnlyList<Member> Members, IReadOnlyList<Member> Removed);

/// <summary>One <c>replica …</c> line of <c>info</c>.</summary>
internal sealed record ReplicaFacts(long ShardId, long ReplicaId, string State, long LeaderId, long Term, long Commit, long MaxIndex, long SnapshotIndex, bool Imported, IReadOnlyList<Member> Members, IReadOnlyList<Member> Removed);

/// <summary>A NodeHost directory as <c>info</c> prints it.</summary>
internal sealed record HostFacts(string NodeHostDir, string? RaftAddress, bool Running, int Pid, IReadOnlyList<ReplicaFacts> Replicas);

/// <summary>What <c>import</c> did or, with <c>-dry-run</c>, would do.</summary>
internal sealed record ImportFacts(bool DryRun, long Index, long Term, long ShardId, long ReplicaId, string RaftAddress, IReadOnlyList<Member> Members, IReadOnlyList<Member> Removed, string SnapshotDir);

/// <summary>
/// Parsers of the import tool's output (formats in docs/systems/dragonboat.md). Anything unexpected is a
/// <see cref="FormatException"/> naming the line, which the activities turn into <c>dragonboat.unexpected-output</c>.
/// </summary>
internal static partial class ToolOutput
{
    public static SnapshotFacts ParseSnapshot(string stdout)
    {
        var fields = Fields(stdout, ["snapshot", "shard", "index", "term", "payload", "members", "removed"]);
        var payload = fields["payload"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (payload.Length != 2)
        {
            throw new FormatException($"payload line '{fields["payload"]}' is not '<file> <bytes>'");
        }

        return new SnapshotFacts(fields["snapshot"], Number(fields, "shard"), Number(fields, "index"), Number(fields, "term"),
            payload[0], Number(payload[1], "payload size"), Member.ParseList(fields["members"]), Member.ParseList(fields["removed"]));
    }

    public static HostFacts ParseHost(string stdout)
    {
        var lines = Lines(stdout);
        var replicas = new List<ReplicaFacts>();
        var header = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith("replica ", StringComparison.Ordinal))
            {
                replicas.Add(ParseReplica(line));
            }
            else
            {
                header.Add(line);
            }
        }

        var fields = Fields(string.Join('\n', header), ["nodehost-dir", "raft-address", "running", "pid"]);
        return new HostFacts(fields["nodehost-dir"], fields["raft-address"] == "-" ? null : fields["raft-address"], Bool(fields["running"], "running"),
            (int)Number(fields, "pid"), replicas);
    }

    public static ImportFacts ParseImport(string stdout)
    {
        var lines = Lines(stdout);
        var first = lines.Count > 0 ? ImportLine().Match(lines[0]) : Match.Empty;
        if (!first.Success)
        {
            throw new FormatException($"first line '{(lines.Count > 0 ? lines[0] : string.Empty)}' is not '(would import|imported) snapshot N (term T) of shard S into replica R on ADDRESS'");
        }

        var fields = Fields(string.Join('\n', lines.Skip(1)), ["members", "removed", "snapshot-dir"]);
        var g = first.Groups;
        return new ImportFacts(g["verb"].Value == "would import", Number(g["index"].Value, "index"), Number(g["term"].Value, "term"), Number(g["shard"].Value, "shard"),
            Number(g["replica"].Value, "replica"), g["address"].Value, Member.ParseList(fields["members"]), Member.ParseList(fields["removed"]), fields["snapshot-dir"]);
    }

    private static ReplicaFacts ParseReplica(string line)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in line["replica ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{token}' in '{line}' is not key=value");
            }

            pairs[token[..eq]] = token[(eq + 1)..];
        }

        string Get(string key) => pairs.TryGetValue(key, out var v) ? v : throw new FormatException($"'{line}' has no {key}=");
        var state = Get("state");
        if (state is not ("stopped" or "loading" or "ready"))
        {
            throw new FormatException($"unknown replica state '{state}' in '{line}'");
        }

        return new ReplicaFacts(Number(Get("shard"), "shard"), Number(Get("replica"), "replica"), state, Number(Get("leader"), "leader"), Number(Get("term"), "term"),
            Number(Get("commit"), "commit"), Number(Get("max-index"), "max-index"), Number(Get("snapshot"), "snapshot"), Bool(Get("imported"), "imported"),
            Member.ParseList(Get("members")), Member.ParseList(Get("removed")));
    }

    private static List<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();

    private static Dictionary<string, string> Fields(string text, string[] required)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(text))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"line '{line}' is not 'key: value'");
            }

            fields[line[..colon]] = line[(colon + 2)..].Trim();
        }

        foreach (var key in required)
        {
            if (!fields.ContainsKey(key))
            {
                throw new FormatException($"the output has no '{key}:' line");
            }
        }

        return fields;
    }

    private static long Number(Dictionary<string, string> fields, string key) => Number(fields[key], key);

    private static long Number(string text, string what) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{what} '{text}' is not a number");

    private static bool Bool(string text, string what) =>
        text switch { "true" => true, "false" => false, _ => throw new FormatException($"{what} '{text}' is not true or false") };

    [GeneratedRegex(@"^(?<verb>would import|imported) snapshot (?<index>\d+) \(term (?<term>\d+)\) of shard (?<shard>\d+) into replica (?<replica>\d+) on (?<address>\S+)$")]
    private static partial Regex ImportLine();
}
